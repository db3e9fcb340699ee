import Foundation

/// A minute in local time at which a schedule fires, e.g. `2026-11-24T07:30`.
public struct ScheduleSlot: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day.
    public let date: LocalDate
    /// Hour 0–23.
    public let hour: Int
    /// Minute 0–59.
    public let minute: Int

    /// Creates a slot.
    public init(date: LocalDate, hour: Int, minute: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// The current minute of a clock in a time zone (the project's "now" and "today").
    public static func current(clock: any Clock, timeZone: String) -> ScheduleSlot {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: clock.now())
        return ScheduleSlot(date: LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!, hour: parts.hour!, minute: parts.minute!)
    }

    /// Reads `2026-11-24T07:30`.
    public init?(_ text: String) {
        let parts = text.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, time.count >= 2, let date = LocalDate(year: day[0], month: day[1], day: day[2]),
              (0...23).contains(time[0]), (0...59).contains(time[1])
        else { return nil }
        self.init(date: date, hour: time[0], minute: time[1])
    }

    /// The instant this minute begins in a time zone.
    public func instant(in timeZone: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .current
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// Minutes since 1970-01-01T00:00 local time.
    public var minutes: Int { date.daysSinceEpoch * 1440 + hour * 60 + minute }

    public var description: String {
        "\(date.iso)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public static func < (lhs: ScheduleSlot, rhs: ScheduleSlot) -> Bool { lhs.minutes < rhs.minutes }
}
