/// A standard 5-field cron expression: minute, hour, day of month, month, day of week. Supports
/// `*`, lists, ranges, steps (`*/15`, `1-5/2`), month and weekday names, and 7 for Sunday. When
/// both day fields are restricted, a day matches either (as in Vixie cron).
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    /// Why an expression is not valid.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public let description: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    /// Parses an expression.
    /// - Throws: `Invalid` naming the field and what is wrong.
    public init(_ text: String) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(description: "'\(text)' has \(fields.count) fields; a cron expression has 5: minute hour day month weekday")
        }
        description = text
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        days = try Self.field(fields[2], "day of month", 1...31)
        months = try Self.field(fields[3], "month", 1...12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], first: 1)
        weekdays = Set(try Self.field(fields[4], "weekday", 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], first: 0).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    /// Whether the expression fires at some time on a day (weekday 0 = Sunday).
    public func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        let day = days.contains(day), weekday = weekdays.contains(weekday)
        if daysRestricted && weekdaysRestricted { return day || weekday }
        return day && weekday
    }

    /// The times of day it fires, in order.
    public var times: [(hour: Int, minute: Int)] {
        hours.sorted().flatMap { hour in minutes.sorted().map { (hour, $0) } }
    }

    private static func field(
        _ text: String, _ name: String, _ range: ClosedRange<Int>, names: [String] = [], first: Int = 0
    ) throws -> Set<Int> {
        var values: Set<Int> = []
        for part in text.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw Invalid(description: "\(name) '\(part)' has more than one '/'") }
            let step = try pieces.count == 2 ? number(pieces[1], name, 1...range.upperBound) : 1
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                let low = try value(pieces[0][..<dash], name, range, names, first)
                let high = try value(pieces[0][pieces[0].index(after: dash)...], name, range, names, first)
                guard low <= high else { throw Invalid(description: "\(name) range '\(pieces[0])' runs backwards") }
                bounds = low...high
            } else {
                let single = try value(pieces[0], name, range, names, first)
                bounds = single...(pieces.count == 2 ? range.upperBound : single)
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    private static func value(_ text: Substring, _ name: String, _ range: ClosedRange<Int>, _ names: [String], _ first: Int) throws -> Int {
        if let index = names.firstIndex(of: String(text)) { return index + first }
        return try number(text, name, range)
    }

    private static func number(_ text: Substring, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw Invalid(description: "\(name) '\(text)' is not a number in \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }
}
