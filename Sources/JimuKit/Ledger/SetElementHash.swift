/// BLAKE2s-256 (RFC 7693) of the short messages the ledger's set of issued keys is made of: one
/// per key issued, 100,000 in a run of 100,000 orders. A cryptographic hash is needed (a key
/// removed to pay it twice must not be made up for by another one made to hash alike), and
/// BLAKE2s, built for 32-bit software, takes about a third of SHA-256's instructions for a
/// block; swift-crypto has none, and spends more around each of its hashes than on the hash.
/// Checked against RFC 7693's example and Python's hashlib.blake2s.
enum SetElementHash {
    /// The digest as four big-endian words, of `prefix` then `text`.
    static func digest(prefix: UnsafeRawBufferPointer, text: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        let length = prefix.count + text.count
        let blocks = max(1, (length + 63) / 64)
        return withUnsafeTemporaryAllocation(byteCount: blocks * 64 + 32, alignment: 8) { memory in
            let message = UnsafeMutableRawBufferPointer(rebasing: memory[0..<(blocks * 64)])
            message.initializeMemory(as: UInt8.self, repeating: 0)
            if let base = prefix.baseAddress { message.baseAddress!.copyMemory(from: base, byteCount: prefix.count) }
            if let base = text.baseAddress { (message.baseAddress! + prefix.count).copyMemory(from: base, byteCount: text.count) }
            let h = (memory.baseAddress! + blocks * 64).bindMemory(to: UInt32.self, capacity: 8)
            (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]) = initial
            h[0] ^= 0x0101_0020  // digest length 32, no key, fanout 1, depth 1
            for block in 0..<blocks {
                let last = block == blocks - 1
                compress(h, UnsafeRawPointer(message.baseAddress! + block * 64), counter: UInt32(last ? length : (block + 1) * 64), last: last)
            }
            func word(_ index: Int) -> UInt64 { UInt64(h[index].byteSwapped) << 32 | UInt64(h[index + 1].byteSwapped) }
            return (word(0), word(2), word(4), word(6))
        }
    }

    private static func compress(_ h: UnsafeMutablePointer<UInt32>, _ block: UnsafeRawPointer, counter: UInt32, last: Bool) {
        // Little-endian words, as BLAKE2s reads them (x86 and ARM both are).
        let m = block.bindMemory(to: UInt32.self, capacity: 16)
        var (v0, v1, v2, v3, v4, v5, v6, v7) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        var (v8, v9, v10, v11, v12, v13, v14, v15) =
            (initial.0, initial.1, initial.2, initial.3, initial.4 ^ counter, initial.5, last ? ~initial.6 : initial.6, initial.7)
        sigma.withUnsafeBufferPointer { sigma in
            for round in 0..<10 {
                let s = sigma[round]
                mix(&v0, &v4, &v8, &v12, m[s.0], m[s.1])
                mix(&v1, &v5, &v9, &v13, m[s.2], m[s.3])
                mix(&v2, &v6, &v10, &v14, m[s.4], m[s.5])
                mix(&v3, &v7, &v11, &v15, m[s.6], m[s.7])
                mix(&v0, &v5, &v10, &v15, m[s.8], m[s.9])
                mix(&v1, &v6, &v11, &v12, m[s.10], m[s.11])
                mix(&v2, &v7, &v8, &v13, m[s.12], m[s.13])
                mix(&v3, &v4, &v9, &v14, m[s.14], m[s.15])
            }
        }
        h[0] ^= v0 ^ v8; h[1] ^= v1 ^ v9; h[2] ^= v2 ^ v10; h[3] ^= v3 ^ v11
        h[4] ^= v4 ^ v12; h[5] ^= v5 ^ v13; h[6] ^= v6 ^ v14; h[7] ^= v7 ^ v15
    }

    @inline(__always)
    private static func mix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32, _ x: UInt32, _ y: UInt32) {
        a = a &+ b &+ x
        d = rotate(d ^ a, 16)
        c = c &+ d
        b = rotate(b ^ c, 12)
        a = a &+ b &+ y
        d = rotate(d ^ a, 8)
        c = c &+ d
        b = rotate(b ^ c, 7)
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value &>> count | value &<< (32 &- count)
    }

    private static let initial: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19)

    private static let sigma: [(Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)] = [
        (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
        (14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3),
        (11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4),
        (7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8),
        (9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13),
        (2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9),
        (12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11),
        (13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10),
        (6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5),
        (10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0),
    ]
}
