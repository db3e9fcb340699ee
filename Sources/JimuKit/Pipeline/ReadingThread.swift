import Foundation

/// Runs a `RecordPreparer` on a thread of its own and hands its records over in batches through a
/// bounded channel, so reading and forming records overlaps with issuing them on a 2-core machine.
/// At most `capacity` batches wait, so memory stays flat however long the input is.
final class ReadingThread: @unchecked Sendable {
    /// What the reading thread sends.
    enum Message {
        case batch([PreparedRecord])
        case end([InputFileDigest])
        case failure(any Error)
    }

    // The preparer is owned by the reading thread from `start()` on; nothing else touches it.
    private var preparer: RecordPreparer
    private let batchSize: Int
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [Message] = []
    /// Batches the issuing thread is done with: freed here, on the thread that allocated them,
    /// which keeps the issuing thread (the busier one) out of the allocator.
    private var returned: [[PreparedRecord]] = []
    private var abandoned = false
    private let finished = DispatchSemaphore(value: 0)

    init(preparer: RecordPreparer, batchSize: Int, capacity: Int = 4) {
        self.preparer = preparer
        self.batchSize = max(1, batchSize)
        self.capacity = capacity
    }

    /// Starts reading.
    func start() {
        let thread = Thread { [self] in
            read()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next message, waiting for it.
    func receive() -> Message {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let message = queue.removeFirst()
        condition.broadcast()
        return message
    }

    /// Hands a batch back to be freed on the reading thread.
    func recycle(_ batch: consuming [PreparedRecord]) {
        condition.lock()
        returned.append(batch)
        condition.unlock()
    }

    /// Stops the reading thread (if it still runs) and waits for it to end.
    func stop() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    // MARK: - Private

    private func read() {
        do {
            var batch: [PreparedRecord] = []
            batch.reserveCapacity(batchSize)
            // The first batch is small, so that issuing starts at once rather than a batch later.
            var size = min(batchSize, 32)
            while let record = try preparer.next() {
                batch.append(record)
                if batch.count == size {
                    size = batchSize
                    guard send(.batch(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty, !send(.batch(batch)) { return }
            _ = send(.end(preparer.source.files))
        } catch {
            _ = send(.failure(error))
        }
    }

    /// Queues a message, waiting while the queue is full; false when the receiver gave up.
    private func send(_ message: Message) -> Bool {
        var finished: [[PreparedRecord]] = []
        defer { finished.removeAll() }  // after unlocking: the records are freed on this thread
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !abandoned { condition.wait() }
        swap(&finished, &returned)
        guard !abandoned else { return false }
        queue.append(message)
        condition.broadcast()
        return true
    }
}
