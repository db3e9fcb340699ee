import Yams

/// When a job runs under `jimu tick`.
///
/// ```yaml
/// schedule: "30 7 * * 1-5"            # one cron expression, or a list of them
/// schedule:
///   cron: "30 7 * * *"                # optional when business_day is given
///   business_days_only: true          # skip weekends, national holidays and 12/29–1/3
///   business_day: 5                   # also/instead: the 5th business day of each month ("last" for the last)
///   at: "09:00"                       # the time for business_day
///   catch_up: latest                  # missed slots: skip, latest (default) or all
///   catch_up_hours: 24                # how far back a missed slot still counts
/// ```
public struct ScheduleSpec: Sendable {
    /// What to do with slots missed while Jimu was not running (machine down at 07:30).
    public enum CatchUp: String, Sendable, CaseIterable {
        /// Run only slots of the current minute.
        case skip
        /// Run once for the latest missed slot.
        case latest
        /// Run once per missed slot, each with its own business date.
        case all
    }

    /// Cron expressions.
    public var cron: [CronExpression] = []
    /// Skip slots that fall on a day offices are closed.
    public var businessDaysOnly = false
    /// The Nth business day of each month (1…23), or -1 for the last.
    public var businessDay: Int?
    /// The time of day for `businessDay`.
    public var at: (hour: Int, minute: Int) = (9, 0)
    /// The catch-up policy.
    public var catchUp = CatchUp.latest
    /// How many hours back a missed slot still counts.
    public var catchUpHours = 24
    /// Where the schedule is declared.
    public var keyPath = KeyPath().appending("schedule")

    /// A schedule with defaults: no rules, every day, catch-up `latest` within 24 hours.
    public init() {}

    static let keys = ["cron", "business_days_only", "business_day", "at", "catch_up", "catch_up_hours"]

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ScheduleSpec? {
        guard let node else { return nil }
        var schedule = ScheduleSpec()
        guard case .mapping = node else {
            schedule.cron = readCron(node, at: path, reader: reader)
            return schedule
        }
        guard let map = reader.mapping(node, at: path, allowed: keys) else { return nil }
        schedule.cron = readCron(map["cron"], at: map.path("cron"), reader: reader)
        schedule.businessDaysOnly = map["business_days_only"].flatMap { reader.bool($0, at: map.path("business_days_only")) } ?? false
        if let node = map["business_day"], let text = reader.string(node, at: map.path("business_day")) {
            if text == "last" { schedule.businessDay = -1 } else if let day = Int(text), (1...23).contains(day) {
                schedule.businessDay = day
            } else {
                reader.error("business_day '\(text)' must be 1–23 or 'last'", at: map.path("business_day"), node: node)
            }
        }
        if let node = map["at"], let text = reader.string(node, at: map.path("at")) {
            let parts = text.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
                schedule.at = (parts[0], parts[1])
            } else {
                reader.error("at '\(text)' is not a time written HH:MM", at: map.path("at"), node: node)
            }
        }
        if let node = map["catch_up"], let policy = reader.choice(node, at: map.path("catch_up"), as: CatchUp.self, what: "catch-up policy") {
            schedule.catchUp = policy
        }
        schedule.catchUpHours = map["catch_up_hours"].flatMap { reader.int($0, at: map.path("catch_up_hours"), in: 0...24 * 31) } ?? 24
        if schedule.cron.isEmpty && schedule.businessDay == nil {
            reader.error("a schedule needs 'cron' or 'business_day'", at: path, node: node)
        }
        return schedule
    }

    private static func readCron(_ node: Node?, at path: KeyPath, reader: SpecReader) -> [CronExpression] {
        reader.list(node, at: path).compactMap { item in
            guard let text = reader.string(item.node, at: item.path) else { return nil }
            do { return try CronExpression(text) } catch {
                reader.error("\(error)", at: item.path, node: item.node, hint: "e.g. '30 7 * * 1-5' for weekdays at 07:30")
                return nil
            }
        }
    }
}
