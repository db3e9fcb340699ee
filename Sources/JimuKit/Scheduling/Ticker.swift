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
        /// The run failed for a missing input, and the slot waits for it (`wait_for_inputs`): not a
        /// failure yet, nothing to tell anyone.
        public var waiting = false
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
    /// it), and tries again the slots waiting for a late input; nothing for jobs without a schedule.
    /// - Throws: `LedgerError` or `OutputError` when the ledger cannot be used.
    public func tick(_ job: Job) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        if let schedule = job.schedule {
            outcomes += try tick(schedule, slots: job.id) { try JobRunner(context: $0).run(job) }
        }
        if job.needsApproval, let release = job.approval?.release {
            outcomes += try tick(release, slots: Self.releaseSlots(of: job)) { try TransferRelease(context: $0).release(job).summary }
        }
        return outcomes
    }

    /// The name a job's release slots are kept under in the ledger.
    public static func releaseSlots(of job: Job) -> String { "\(job.id)#release" }

    /// Runs what is due on one schedule, recording its slots under `slots`.
    private func tick(_ schedule: ScheduleSpec, slots name: String, _ action: (RunContext) throws -> RunSummary) throws -> [Outcome] {
        let now = self.now
        let last = try context.ledger.lastSlot(job: name).flatMap(ScheduleSlot.init)
        let planner = SchedulePlanner(schedule: schedule, calendar: calendar)
        let due = planner.due(after: last, now: now)
        var everyMissed = schedule
        everyMissed.catchUp = .all
        let passedOver = last == nil ? [] : SchedulePlanner(schedule: everyMissed, calendar: calendar)
            .due(after: last, now: now).filter { !due.contains($0) }
        var records = passedOver.map { SlotRecord(slot: $0.description, outcome: "skipped: catch_up \(schedule.catchUp.rawValue)") }
        if due.isEmpty && last == nil { records.append(SlotRecord(slot: now.description, outcome: "first tick: later missed slots are caught up")) }
        var attempts: [(slot: ScheduleSlot, attempt: Int)] = []
        if let wait = schedule.waitForInputs {
            for waiting in try context.ledger.waitingSlots(job: name) {
                guard let slot = ScheduleSlot(waiting.slot) else { continue }
                let tried = waiting.lastAttempt.flatMap(ScheduleSlot.init) ?? slot
                if now.minutes >= tried.minutes + wait.every || now >= wait.deadline(of: slot) {
                    attempts.append((slot, waiting.attempts + 1))
                }
            }
        }
        attempts += due.map { ($0, 1) }
        var outcomes: [Outcome] = []
        for (slot, attempt) in attempts {
            var runContext = context
            runContext.asOf = slot.date
            var outcome = Outcome(slot: slot, result: Result { try action(runContext) })
            var record = SlotRecord(slot: slot.description, outcome: "", attempts: attempt)
            switch outcome.result {
            case .success(let summary):
                (record.run, record.outcome) = (summary.runID, summary.status.rawValue)
            case .failure(let error as InputError) where schedule.waitForInputs.map { now < $0.deadline(of: slot) } ?? false:
                let wait = schedule.waitForInputs!
                outcome.waiting = true
                record.lastAttempt = now.description
                record.outcome = SlotRecord.waiting + "\(error) (attempt \(attempt); trying every \(wait.every) minutes until \(wait.deadline(of: slot)))"
            case .failure(let error):
                record.outcome = "failed\(attempt > 1 ? " after \(attempt) attempts" : ""): \(error)"
            }
            records.append(record)
            outcomes.append(outcome)
        }
        if !records.isEmpty { try context.ledger.recordSlots(job: name, records, at: context.timestamp) }
        return outcomes
    }
}

extension ScheduleSpec.WaitForInputs {
    /// The minute a slot stops waiting: `until` on the slot's day.
    func deadline(of slot: ScheduleSlot) -> ScheduleSlot {
        ScheduleSlot(date: slot.date, hour: until.hour, minute: until.minute)
    }
}
