import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on a terminal (`payment-list: 120,000 records read`), redrawn at most
/// five times a second and erased when the job ends. Nothing at all when stderr is not a terminal,
/// so cron output and logs stay clean.
final class ProgressLine: @unchecked Sendable {
    private let job: String
    private let lock = NSLock()
    private var shown = Date.distantPast

    /// A display for a job, or nil when stderr is not a terminal.
    static func onTerminal(job: String) -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine(job: job) : nil
    }

    private init(job: String) {
        self.job = job
    }

    func update(_ records: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(shown) >= 0.2 else { return }
        shown = Date()
        FileHandle.standardError.write(Data("\r\u{1B}[K\(job): \(records.formatted()) records read".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
