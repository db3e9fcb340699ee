import Foundation
import JimuSpec

/// `jimu tick`: run every minute by cron, it runs the due slots of each scheduled job under the
/// job's lock, each with the slot's date as its business date, and records every slot in the
/// ledger: run, passed over by the catch-up policy, or the first tick of a job.
public struct Ticker {
    /// What became of one due slot.
    public struct Outcome {
        public let slot: ScheduleSlot
        public let result: Result<RunSummary, any Error>
    }

    let context: RunContext
    let calendar: BusinessCalendar

    /// Creates a ticker; the context's clock says what minute it is.
    public init(context: RunContext, calendar: BusinessCalendar = .office) {
        self.context = context
        self.calendar = calendar
    }

    /// The current minute in the project's time zone.
    public var now: ScheduleSlot {
        ScheduleSlot.current(clock: context.clock, timeZone: context.project.timeZone)
    }

    /// Runs what is due for a job now (with the job's lock in the context, when the caller took
    /// it); nothing for jobs without a schedule.
    /// - Throws: `LedgerError` or `OutputError` when the ledger cannot be used.
    public func tick(_ job: Job) throws -> [Outcome] {
        guard let schedule = job.schedule else { return [] }
        let now = self.now
        let last = try context.ledger.lastSlot(job: job.id).flatMap(ScheduleSlot.init)
        let planner = SchedulePlanner(schedule: schedule, calendar: calendar)
        let due = planner.due(after: last, now: now)
        var everyMissed = schedule
        everyMissed.catchUp = .all
        let passedOver = last == nil ? [] : SchedulePlanner(schedule: everyMissed, calendar: calendar)
            .due(after: last, now: now).filter { !due.contains($0) }
        var records = passedOver.map { (slot: $0.description, run: Int64?.none, outcome: "skipped: catch_up \(schedule.catchUp.rawValue)") }
        if due.isEmpty && last == nil { records.append((now.description, nil, "first tick: later missed slots are caught up")) }
        var outcomes: [Outcome] = []
        for slot in due {
            var runContext = context
            runContext.asOf = slot.date
            let result = Result { try JobRunner(context: runContext).run(job) }
            switch result {
            case .success(let summary): records.append((slot.description, summary.runID, summary.status.rawValue))
            case .failure(let error): records.append((slot.description, nil, "failed: \(error)"))
            }
            outcomes.append(Outcome(slot: slot, result: result))
        }
        if !records.isEmpty { try context.ledger.recordSlots(job: job.id, records, at: context.timestamp) }
        return outcomes
    }
}
