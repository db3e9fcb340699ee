import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu tick JOB...`: the one crontab entry (every minute) that runs scheduled jobs when due.
struct Tick: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the scheduled jobs that are due now (cron runs this every minute; see 'jimu cron').")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Pretend it is this minute (YYYY-MM-DDTHH:MM, the project's time zone), for testing schedules.")
    var now: String?

    @OptionGroup var logging: LogOptions

    @Argument(help: "Job files; those without a schedule, and a project config named jimu.yaml, are left alone.", completion: .file(extensions: ["yaml", "yml"]))
    var jobs: [String]

    func run() throws {
        try logging.bootstrap()
        let cancellation = Cancellation()
        let signals = StopSignals(cancellation)
        defer { withExtendedLifetime(signals) {} }
        var worst = ExitStatus.ok
        for path in jobs where cancellation.requested == nil && !ProjectOptions.isProjectConfig(path) {
            worst = max(worst, tick(path, cancellation: cancellation))
        }
        if worst != .ok { try worst.exit() }
    }

    private func tick(_ path: String, cancellation: Cancellation) -> ExitStatus {
        guard let (config, job) = project.loadJob(path, notify: true) else { return .configurationError }
        do {
            guard job.schedule != nil || job.approval?.release != nil else { return .ok }
            var context: RunContext
            // A held lock: the run in progress serves the slot.
            do { context = try project.lockAndOpen(job, config) } catch is JobLock.Busy { return .ok }
            context.cancellation = cancellation
            if let now {
                guard let slot = ScheduleSlot(now) else { throw ValidationError("--now '\(now)' is not written YYYY-MM-DDTHH:MM") }
                context.clock = FixedClock(slot.instant(in: config.timeZone))
            }
            var worst = ExitStatus.ok
            let outcomes = try Ticker(context: context, calendar: .office(of: context.project)).tick(job)
            if !outcomes.isEmpty { Metrics.update(config: config, ledger: context.ledger) }
            for outcome in outcomes {
                if outcome.waiting, case .failure(let error) = outcome.result {
                    // A late input is waited for quietly: a cron mail every quarter hour helps no one.
                    logging.note("waiting for a late input", error, job: job.id, slot: outcome.slot.description)
                    continue
                }
                Notices.after(job.id, outcome.result, config: config)
                switch outcome.result {
                case .success(let summary):
                    // Rejects told before are not told again: cron mails what it prints.
                    if summary.newRejects > 0 { Console.error("\(outcome.slot): \(summary.line)") }
                    worst = max(worst, summary.rejected > 0 ? .dataError : .ok)
                case .failure(let error):
                    Console.error("\(path) (slot \(outcome.slot)): \(error)")
                    logging.fatal(error, job: path)
                    worst = max(worst, ExitStatus(error))
                }
            }
            return worst
        } catch {
            Console.error("\(path): \(error)")
            return ExitStatus(error)
        }
    }
}
