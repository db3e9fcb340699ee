import Foundation

/// The source of "now", injected so runs and their outputs are reproducible.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system clock.
public struct SystemClock: Clock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock stopped at one instant, for tests and golden files.
public struct FixedClock: Clock {
    /// The instant it always returns.
    public let instant: Date

    /// Creates a clock stopped at `instant`.
    public init(_ instant: Date) {
        self.instant = instant
    }

    public func now() -> Date { instant }
}
