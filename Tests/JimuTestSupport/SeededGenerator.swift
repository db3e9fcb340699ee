import Foundation

/// A small deterministic random generator (SplitMix64) for repeatable property and crash tests.
public struct SeededGenerator: RandomNumberGenerator {
    /// The seed it started from: print it with a failure, give it back to replay the failure.
    public let seed: UInt64
    private var state: UInt64

    /// A generator from a seed.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator from `JIMU_TEST_SEED` when set (to replay a failure), else from a random seed.
    public static func fromEnvironment() -> SeededGenerator {
        let given = ProcessInfo.processInfo.environment["JIMU_TEST_SEED"].flatMap { UInt64($0) }
        return SeededGenerator(seed: given ?? UInt64.random(in: 1...UInt64(UInt32.max)))
    }

    /// How to replay a run of this generator, for failure messages.
    public var replay: String { "seed \(seed); replay with JIMU_TEST_SEED=\(seed)" }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
