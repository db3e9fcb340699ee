import Foundation

/// Runs a `RecordPreparer` on a thread of its own and hands its records over in batches through a
/// `Channel`, so reading and forming records overlaps with issuing them on a 2-core machine.
struct ReadingThread {
    /// What the reading thread sends.
    enum Message: Sendable {
        case batch([PreparedRecord])
        case end([InputFileDigest])
        case failure(any Error)
    }

    private let channel: Channel<Message>
    private let ended: DispatchSemaphore
    private let read = Fraction()

    /// How much of the input the reading thread has read, 0…1, when its source can tell.
    var fractionRead: Double? { read.value }

    /// A number written by the reading thread once per batch and read by the issuing one.
    private final class Fraction: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Double?
        var value: Double? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// Starts reading; the preparer belongs to the reading thread from here on.
    /// - Parameter batchSize: records per batch. The first batch is small (32), so that issuing
    ///   starts at once rather than a batch later.
    init(preparer: sending RecordPreparer, batchSize: Int, capacity: Int = 4) {
        let channel = Channel<Message>(capacity: capacity)
        self.channel = channel
        let size = max(1, batchSize)
        let fraction = read
        ended = Channel<Message>.spawn {
            var preparer = preparer
            Self.read(&preparer, batchSize: size, into: channel, fraction: fraction)
        }
    }

    /// The next message, waiting for it.
    func receive() -> Message {
        channel.receive()
    }

    /// Hands a batch back, to be freed on the reading thread that allocated it.
    func giveBack(_ batch: sending [PreparedRecord]) {
        channel.giveBack(.batch(batch))
    }

    /// Stops the reading thread (if it still runs) and waits for it to end.
    func stop() {
        channel.close()
        ended.wait()
    }

    // MARK: - Private

    private static func read(_ preparer: inout RecordPreparer, batchSize: Int, into channel: Channel<Message>, fraction: Fraction) {
        do {
            var batch: [PreparedRecord] = []
            var size = min(batchSize, 32)
            batch.reserveCapacity(size)
            while let record = try preparer.next() {
                batch.append(consume record)
                if batch.count == size {
                    fraction.value = preparer.source.fractionRead
                    guard channel.send(.batch(batch)) else { return }
                    size = batchSize
                    batch = []
                    batch.reserveCapacity(size)
                }
            }
            if !batch.isEmpty, !channel.send(.batch(batch)) { return }
            _ = channel.send(.end(preparer.source.files))
        } catch {
            _ = channel.send(.failure(error))
        }
    }
}
