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
///   wait_for_inputs:                  # a missing input (exit 66) is waited for, not failed at once
///     until: "10:00"                  # the slot's day, this time: then it fails and notifies
///     every: 15                       # minutes between attempts (default 15)
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
    /// How long and how often a slot whose input is missing is tried again.
    public var waitForInputs: WaitForInputs?
    /// Where the schedule is declared.
    public var keyPath = KeyPath().appending("schedule")

    /// A schedule with defaults: no rules, every day, catch-up `latest` within 24 hours.
    public init() {}

    /// Waiting for a late input: the tax system's export that lands at 07:35 for a 07:30 job.
    public struct WaitForInputs: Sendable {
        /// The time of the slot's day after which a missing input is a failure.
        public var until: (hour: Int, minute: Int)
        /// Minutes between attempts.
        public var every: Int
    }

    static let keys = ["cron", "business_days_only", "business_day", "at", "catch_up", "catch_up_hours", "wait_for_inputs"]

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
        if let node = map["at"], let time = readTime(node, "at", at: map.path("at"), reader: reader) { schedule.at = time }
        if let node = map["wait_for_inputs"], let wait = reader.mapping(node, at: map.path("wait_for_inputs"), allowed: ["until", "every"]) {
            if let until = wait["until"] {
                if let time = readTime(until, "until", at: wait.path("until"), reader: reader) {
                    let every = wait["every"].flatMap { reader.int($0, at: wait.path("every"), in: 1...240) } ?? 15
                    schedule.waitForInputs = WaitForInputs(until: time, every: every)
                }
            } else {
                reader.error("wait_for_inputs needs 'until', the time after which a missing input fails", at: map.path("wait_for_inputs"), node: node, hint: "e.g. until: \"10:00\"")
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

    private static func readTime(_ node: Node, _ name: String, at path: KeyPath, reader: SpecReader) -> (hour: Int, minute: Int)? {
        guard let text = reader.string(node, at: path) else { return nil }
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
            reader.error("\(name) '\(text)' is not a time written HH:MM", at: path, node: node)
            return nil
        }
        return (parts[0], parts[1])
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
