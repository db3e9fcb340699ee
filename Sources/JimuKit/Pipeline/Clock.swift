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

/// Instants written as ISO 8601 with seconds and the offset of a time zone, `2026-11-21T07:30:00+09:00`
/// (`Z` in UTC), as `ISO8601DateFormatter` writes them, without making one: ICU's formatter takes
/// milliseconds to set up, and a run writes a few timestamps.
public enum Timestamp {
    /// An instant in a time zone (the system's by default).
    public static func iso8601(_ date: Date, in zone: TimeZone = .current) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let (days, second) = (local.floorDivided(by: 86_400), local.floorModulo(86_400))
        let time = [second / 3600, second / 60 % 60, second % 60].map(twoDigits).joined(separator: ":")
        let zone = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + twoDigits(abs(offset) / 3600) + ":" + twoDigits(abs(offset) / 60 % 60)
        return LocalDate(daysSinceEpoch: days).iso + "T" + time + zone
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        self >= 0 ? self / divisor : (self - divisor + 1) / divisor
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        self - floorDivided(by: divisor) * divisor
    }
}
