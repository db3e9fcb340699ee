import Dispatch
import JimuKit
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM and SIGINT into a cancellation request, so a run stops between batches, rolls
/// back and records itself as interrupted instead of dying mid-write; ignores SIGXFSZ.
final class StopSignals {
    private let sources: [DispatchSourceSignal]

    init(_ cancellation: Cancellation) {
        // A write past the file-size limit fails with EFBIG (reported like a full disk) instead of
        // killing the process.
        signal(SIGXFSZ, SIG_IGN)
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { cancellation.cancel(name) }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
