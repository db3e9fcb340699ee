/// SHA-256 (FIPS 180-4) of the short messages the ledger's set digests are made of, one per
/// issued key and document number: a run of 100,000 orders makes 200,000. swift-crypto spends
/// more instructions around each such hash (a context allocated, its state wiped and freed,
/// thread-local and one-time checks) than on the hash itself; this one works on the stack.
/// Checked against FIPS 180-4's examples and against swift-crypto on random messages.
enum SetElementHash {
    /// The digest as four big-endian words, of `prefix` then `text`'s UTF-8.
    static func digest(prefix: UnsafeRawBufferPointer, text: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        let length = prefix.count + text.count
        // The message, its 0x80, zeros and its length in bits fill whole 64-byte blocks.
        let blocks = (length + 8) / 64 + 1
        return withUnsafeTemporaryAllocation(byteCount: blocks * 64 + 64 * 4 + 32, alignment: 8) { memory in
            let message = UnsafeMutableRawBufferPointer(rebasing: memory[0..<(blocks * 64)])
            message.initializeMemory(as: UInt8.self, repeating: 0)
            if let base = prefix.baseAddress { message.baseAddress!.copyMemory(from: base, byteCount: prefix.count) }
            if let base = text.baseAddress { (message.baseAddress! + prefix.count).copyMemory(from: base, byteCount: text.count) }
            message[length] = 0x80
            message.storeBytes(of: (UInt64(length) &* 8).bigEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            let schedule = (memory.baseAddress! + blocks * 64).bindMemory(to: UInt32.self, capacity: 64)
            let state = (memory.baseAddress! + blocks * 64 + 256).bindMemory(to: UInt32.self, capacity: 8)
            for (index, word) in initial.enumerated() { state[index] = word }
            constants.withUnsafeBufferPointer { k in
                for block in 0..<blocks {
                    compress(state, UnsafeRawPointer(message.baseAddress! + block * 64), schedule, k.baseAddress!)
                }
            }
            return (UInt64(state[0]) << 32 | UInt64(state[1]), UInt64(state[2]) << 32 | UInt64(state[3]),
                    UInt64(state[4]) << 32 | UInt64(state[5]), UInt64(state[6]) << 32 | UInt64(state[7]))
        }
    }

    private static func compress(
        _ state: UnsafeMutablePointer<UInt32>, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>
    ) {
        for index in 0..<16 { w[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)) }
        for index in 16..<64 {
            let w15 = w[index - 15], w2 = w[index - 2]
            let s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 &>> 3)
            let s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 &>> 10)
            w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        // Eight rounds at a time, the letters renamed instead of moved.
        var round = 0
        while round < 64 {
            step(a, b, c, &d, e, f, g, &h, k[round] &+ w[round])
            step(h, a, b, &c, d, e, f, &g, k[round + 1] &+ w[round + 1])
            step(g, h, a, &b, c, d, e, &f, k[round + 2] &+ w[round + 2])
            step(f, g, h, &a, b, c, d, &e, k[round + 3] &+ w[round + 3])
            step(e, f, g, &h, a, b, c, &d, k[round + 4] &+ w[round + 4])
            step(d, e, f, &g, h, a, b, &c, k[round + 5] &+ w[round + 5])
            step(c, d, e, &f, g, h, a, &b, k[round + 6] &+ w[round + 6])
            step(b, c, d, &e, f, g, h, &a, k[round + 7] &+ w[round + 7])
            round += 8
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    private static let initial: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

    /// One round: `d` takes `d + t1`, `h` takes `t1 + t2` (the caller renames the rest).
    @inline(__always)
    private static func step(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ kw: UInt32
    ) {
        let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        // Masking shifts: the plain ones check for a count of 32 or more, twelve times a round.
        value &>> count | value &<< (32 &- count)
    }

    private static let constants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
