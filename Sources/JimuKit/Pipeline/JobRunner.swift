import Crypto
import Foundation
import JimuSpec
import Logging

/// Runs a job: reads its inputs as a stream, forms and checks each record, issues the new ones
/// into the outputs, and records everything in the ledger in one transaction that commits only
/// after the outputs are durable on disk.
///
/// Every record read ends as issued, rejected (with a reason, in the rejects file) or skipped (its
/// key was already issued), and the ledger refuses a run whose counts do not add up.
public struct JobRunner {
    let context: RunContext

    /// Creates a runner.
    public init(context: RunContext) {
        self.context = context
    }

    /// Runs a job.
    /// - Returns: what the run did.
    /// - Throws: `JobLock.Busy`, `ConfigurationError`, `InputError`, `OutputError`, `Interrupted` or
    ///   `LedgerError`. A run that fails before its commit is recorded with nothing issued; one that
    ///   fails after it stays `publishing`, and the next run renames its files into place.
    public func run(_ job: Job) throws -> RunSummary {
        let start = try runStart(job)
        var pass: RunPass?
        let finished: RunPass.Finished
        do {
            try prepare(job, start: start)
            let opened = try RunPass(job: job, context: context, start: start)
            pass = opened
            finished = try context.ledger.transaction(commit: !context.dryRun) { ledger in
                try opened.execute(ledger: ledger)
            }
        } catch {
            if let pass {
                // Its temporary files are gone; those of an earlier crash were cleaned before it opened.
                pass.discard()
                TemporaryFiles.removeJournal(of: job, under: context.outputRoot)
            }
            if !context.dryRun, !(error is LedgerError || error is LedgerRefused) {
                let status: RunStatus = error is Interrupted ? .interrupted : .failed
                _ = try? context.ledger.recordFailedRun(start, status: status, message: "\(error)")
            }
            throw error
        }
        guard !context.dryRun else {
            pass?.discard()
            return finished.summary
        }
        try publish(finished.files, of: job, run: finished.runID, status: finished.summary.status)
        return finished.summary
    }

    /// Before a run of a job that writes files: the output root belongs to this ledger, an earlier
    /// run's files are in place, stale temporary files are gone and overlaps are recorded.
    func prepare(_ job: Job, start: RunStart) throws {
        try LedgerBinding.check(context)
        guard !context.dryRun else { return }
        try Recovery(ledger: context.ledger, logger: context.logger).finishPublishing(job: job.id)
        TemporaryFiles.removeStale(of: job, under: context.outputRoot, logger: context.logger)
        try recordOverlaps(of: job, start: start)
    }

    /// After the commit: the fsynced temporary files go into place and the run is marked so.
    func publish(_ files: [OutputWriter.PreparedFile], of job: Job, run: Int64, status: RunStatus) throws {
        // Committed: the fsynced temporary files must survive any failure from here on.
        try OutputWriter.publish(files)
        TemporaryFiles.removeJournal(of: job, under: context.outputRoot)
        try context.ledger.markPublished(run: run, status: status)
        do { try LedgerBinding.advance(context) } catch {
            context.logger.warning("the output root does not note the newest run", metadata: ["error": "\(error)"])
        }
    }

    /// Moves the overlaps noted beside the lock into the ledger as runs that did nothing.
    private func recordOverlaps(of job: Job, start: RunStart) throws {
        for overlap in context.lock?.takeOverlaps() ?? [] {
            var attempt = start
            attempt.startedAt = overlap.time
            attempt.pid = overlap.pid
            _ = try context.ledger.recordFailedRun(
                attempt, status: .overlapped, message: "started while the job was running (\(overlap.holder)); did nothing")
        }
    }

    private func runStart(_ job: Job) throws -> RunStart {
        context.start(of: job, kind: job.records.approves == nil ? .issue : .approve)
    }
}
