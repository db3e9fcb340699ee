import Foundation
@testable import JimuKit
import Testing

/// The one handover between the reading and the issuing thread.
@Suite struct ChannelTests {
    /// A value that notes the thread its last reference was let go on.
    final class Tracked: Sendable {
        let freedOn: @Sendable (pthread_t) -> Void

        init(freedOn: @escaping @Sendable (pthread_t) -> Void) {
            self.freedOn = freedOn
        }

        deinit { freedOn(pthread_self()) }
    }

    @Test("values arrive in order; the producer waits while the queue is full")
    func orderAndBound() {
        let channel = Channel<Int>(capacity: 2)
        let sent = Counter()
        let ended = Channel<Int>.spawn {
            for value in 1...100 {
                _ = channel.send(value)
                sent.add()
            }
        }
        usleep(50_000)
        #expect(sent.value == 2, "at most `capacity` values wait")
        var received: [Int] = []
        for _ in 1...100 { received.append(channel.receive()) }
        ended.wait()
        #expect(received == Array(1...100))
    }

    @Test("close() lets a waiting producer go: its send returns false")
    func close() {
        let channel = Channel<Int>(capacity: 1)
        let refused = Counter()
        let ended = Channel<Int>.spawn {
            for value in 1...10 where !channel.send(value) {
                refused.add()
                return
            }
        }
        #expect(channel.receive() == 1)
        channel.close()
        ended.wait()
        #expect(refused.value == 1)
    }

    @Test("values given back are freed on the producer's thread, at its next send")
    func givenBackFreedByProducer() {
        let channel = Channel<[Tracked]>(capacity: 4)
        let producer = Box<pthread_t?>(nil)
        let freed = Box<[pthread_t]>([])
        let ended = Channel<[Tracked]>.spawn {
            producer.set(pthread_self())
            for _ in 0..<3 { _ = channel.send([Tracked { thread in freed.update { $0.append(thread) } }]) }
            usleep(50_000)
            _ = channel.send([])
        }
        for _ in 0..<3 { channel.giveBack(channel.receive()) }
        _ = channel.receive()
        ended.wait()
        #expect(freed.value.count == 3)
        #expect(freed.value.allSatisfy { pthread_equal($0, producer.value!) != 0 })
    }
}

/// A counter shared between a test and a thread it starts.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A value shared between a test and a thread it starts.
private final class Box<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    func set(_ value: Value) { lock.withLock { stored = value } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
    var value: Value { lock.withLock { stored } }
}
