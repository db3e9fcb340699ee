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
            try LedgerBinding.check(context)
            if !context.dryRun {
                try Recovery(ledger: context.ledger, logger: context.logger).finishPublishing(job: job.id)
                TemporaryFiles.removeStale(of: job, under: context.outputRoot, logger: context.logger)
                try recordOverlaps(of: job, start: start)
            }
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
        // Committed: the fsynced temporary files must survive any failure from here on.
        try OutputWriter.publish(finished.files)
        TemporaryFiles.removeJournal(of: job, under: context.outputRoot)
        try context.ledger.markPublished(run: finished.runID, status: finished.summary.status)
        do { try LedgerBinding.advance(context) } catch {
            context.logger.warning("the output root does not note the newest run", metadata: ["error": "\(error)"])
        }
        return finished.summary
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
        let jobBytes = FileManager.default.contents(atPath: job.url.path) ?? Data()
        return RunStart(
            job: job.id, title: job.title, jobFile: job.file, jobSHA256: FileDigest.hex(SHA256.hash(data: jobBytes)),
            asOf: context.businessDate.iso, startedAt: context.timestamp, host: context.host, user: context.user,
            pid: context.pid)
    }
}
