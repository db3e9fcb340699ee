import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct SchedulePlannerTests {
    static func slot(_ text: String) -> ScheduleSlot { ScheduleSlot(text)! }

    static func schedule(_ cron: [String] = ["30 7 * * *"], businessDays: Bool = true, nth: Int? = nil, catchUp: ScheduleSpec.CatchUp = .latest) -> ScheduleSpec {
        var schedule = ScheduleSpec()
        schedule.cron = cron.map { try! CronExpression($0) }
        schedule.businessDaysOnly = businessDays
        schedule.businessDay = nth
        schedule.catchUp = catchUp
        return schedule
    }

    @Test("business days only: no slot on weekends, national holidays or 12/29–1/3")
    func businessDays() {
        let planner = SchedulePlanner(schedule: Self.schedule())
        let days = planner.slots(from: LocalDate(year: 2026, month: 11, day: 20)!, through: LocalDate(year: 2026, month: 11, day: 25)!)
        #expect(days.map(\.description) == ["2026-11-20T07:30", "2026-11-24T07:30", "2026-11-25T07:30"])
        let yearEnd = planner.slots(from: LocalDate(year: 2026, month: 12, day: 28)!, through: LocalDate(year: 2027, month: 1, day: 5)!)
        #expect(yearEnd.map(\.description) == ["2026-12-28T07:30", "2027-01-04T07:30", "2027-01-05T07:30"])
    }

    @Test("the Nth and the last business day of a month")
    func nthBusinessDay() {
        let fifth = SchedulePlanner(schedule: Self.schedule([], nth: 5))
        #expect(fifth.slots(from: LocalDate(year: 2026, month: 5, day: 1)!, through: LocalDate(year: 2026, month: 5, day: 31)!).map(\.description) == ["2026-05-12T09:00"])
        let last = SchedulePlanner(schedule: Self.schedule([], nth: -1))
        #expect(last.slots(from: LocalDate(year: 2026, month: 12, day: 1)!, through: LocalDate(year: 2026, month: 12, day: 31)!).map(\.description) == ["2026-12-28T09:00"])
    }

    @Test("catch-up after the machine was down over a weekend and a holiday", arguments: [
        (ScheduleSpec.CatchUp.skip, [String]()),
        (.latest, ["2026-11-24T07:30"]),
        (.all, ["2026-11-20T07:30", "2026-11-24T07:30"]),
    ])
    func catchUp(policy: ScheduleSpec.CatchUp, expected: [String]) {
        var schedule = Self.schedule(catchUp: policy)
        schedule.catchUpHours = 120
        let due = SchedulePlanner(schedule: schedule).due(after: Self.slot("2026-11-19T07:30"), now: Self.slot("2026-11-24T10:00"))
        #expect(due.map(\.description) == expected)
    }

    @Test("on time, already run, outside the window, and the first tick of a job")
    func edges() {
        let planner = SchedulePlanner(schedule: Self.schedule())
        #expect(planner.due(after: Self.slot("2026-11-20T07:30"), now: Self.slot("2026-11-24T07:30")).map(\.description) == ["2026-11-24T07:30"])
        #expect(planner.due(after: Self.slot("2026-11-24T07:30"), now: Self.slot("2026-11-24T07:31")).isEmpty)
        #expect(planner.due(after: Self.slot("2026-11-01T07:30"), now: Self.slot("2026-11-25T08:00")).map(\.description) == ["2026-11-25T07:30"])
        #expect(planner.due(after: Self.slot("2026-11-01T07:30"), now: Self.slot("2026-11-26T08:00")).map(\.description) == ["2026-11-26T07:30"])
        #expect(planner.due(after: nil, now: Self.slot("2026-11-24T08:00")).isEmpty)
        #expect(planner.due(after: nil, now: Self.slot("2026-11-24T07:30")).map(\.description) == ["2026-11-24T07:30"])
    }

    @Test("a crontab entry is merged in once, replacing an earlier one and keeping the user's lines")
    func crontab() {
        let block = Crontab.block(executable: "/srv/jimu/jimu", folder: "/srv/jimu", jobs: ["/srv/jimu/Jobs/a b.yaml"], timeZone: "Asia/Tokyo")
        #expect(block.contains("* * * * * cd '/srv/jimu' && TZ='Asia/Tokyo' LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin '/srv/jimu/jimu' tick '/srv/jimu/Jobs/a b.yaml'"))
        let mine = "MAILTO=it@example.invalid\n0 3 * * * /usr/local/bin/backup\n"
        let once = Crontab.merge(existing: mine, block: block)
        #expect(once == mine + block)
        #expect(Crontab.merge(existing: once, block: block) == once)
        let newer = Crontab.block(executable: "/srv/jimu/jimu", folder: "/srv/jimu", jobs: ["/srv/jimu/Jobs/c.yaml"], timeZone: "Asia/Tokyo")
        #expect(Crontab.merge(existing: once, block: newer) == mine + newer)
        // cron would cut the line at an unescaped %, quotes or not.
        let percent = Crontab.block(executable: "/usr/bin/jimu", folder: "/srv/jimu", jobs: ["/srv/jimu/Jobs/100%.yaml"], timeZone: "Asia/Tokyo")
        #expect(percent.contains("'/usr/bin/jimu' tick '/srv/jimu/Jobs/100\\%.yaml'\n"))
    }
}

@Suite struct TickerTests {
    @Test("ticks run the job when due, once per slot, with the slot's date, and the ledger records every slot")
    func ticks() throws {
        let output = Fixtures.temporaryDirectory("jimu-tick")
        let project = Fixtures.shippedProject(output: output)
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: project)
        let ledger = try SQLiteLedger()
        func tick(_ minute: String) throws -> [Ticker.Outcome] {
            let context = RunContext(project: project, ledger: ledger, clock: FixedClock(ScheduleSlot(minute)!.instant(in: "Asia/Tokyo")))
            return try Ticker(context: context).tick(job)
        }
        #expect(try tick("2026-11-19T07:00").isEmpty)
        let onTime = try tick("2026-11-19T07:30")
        #expect(onTime.map(\.slot.description) == ["2026-11-19T07:30"])
        #expect(try onTime.first?.result.get().issued == 9)
        #expect(try tick("2026-11-19T07:31").isEmpty)
        let back = try tick("2026-11-24T09:15")
        #expect(back.map(\.slot.description) == ["2026-11-24T07:30"])
        #expect(try back.first?.result.get().asOf == "2026-11-24")
        #expect(try ledger.lastSlot(job: "payment-list") == "2026-11-24T07:30")
        #expect(try ledger.runs(job: "payment-list", limit: 10).map(\.asOf) == ["2026-11-24", "2026-11-19"])
    }
}
