import JimuSpec
import Testing

@Suite struct CronExpressionTests {
    @Test("fields, ranges, steps, lists and names")
    func parses() throws {
        let weekdays = try CronExpression("30 7 * * 1-5")
        #expect(weekdays.times.map { "\($0.hour):\($0.minute)" } == ["7:30"])
        #expect(weekdays.matchesDay(month: 11, day: 20, weekday: 5) && !weekdays.matchesDay(month: 11, day: 21, weekday: 6))
        let quarter = try CronExpression("*/15 9-10 * * *")
        #expect(quarter.times.count == 8)
        let named = try CronExpression("0 12 1,15 jan-mar sun")
        #expect(named.matchesDay(month: 2, day: 15, weekday: 3))
        #expect(named.matchesDay(month: 2, day: 8, weekday: 0))
        #expect(!named.matchesDay(month: 4, day: 1, weekday: 0))
        #expect(try CronExpression("0 0 * * 7").matchesDay(month: 1, day: 4, weekday: 0))
    }

    @Test("mistakes are named", arguments: [
        ("30 7 * *", "'30 7 * *' has 4 fields; a cron expression has 5: minute hour day month weekday"),
        ("60 7 * * *", "minute '60' is not a number in 0–59"),
        ("0 7 * * 5-1", "weekday range '5-1' runs backwards"),
        ("0 7 * foo *", "month 'foo' is not a number in 1–12"),
    ])
    func invalid(text: String, message: String) {
        #expect(throws: CronExpression.Invalid.self) { try CronExpression(text) }
        do { _ = try CronExpression(text) } catch { #expect("\(error)" == message) }
    }
}
