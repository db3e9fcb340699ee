import Foundation
import JimuSpec

/// A run that moves orders along their lifecycle (approve, cancel, release): one ledger
/// transaction, with the same guarantees for the files it writes as an issuing run (written to
/// temporary names and fsynced, recorded in the transaction, put in place after the commit; a
/// crash in between is finished by the next run of the job).
struct OrderRun {
    let context: RunContext
    let job: Job
    let kind: RunKind

    /// What the run does inside its transaction, with its tally and writer.
    struct Pass {
        let kind: RunKind
        let ledger: any LedgerTransaction
        let run: Int64
        let start: RunStart
        let writer: OutputWriter
        let digits: Int
        var counts = RunCounts()
        var lines = OrderLines()
        /// The outputs of the stage the run writes, when the job has some.
        var outputs: HeldOutputs?

        /// Writes an order into the run's outputs (with its 振込指定日 now); why it cannot be, or nil.
        mutating func write(_ order: Order, on date: LocalDate?) throws -> String? {
            let (run, writer, ledger) = (self.run, self.writer, self.ledger)
            return try outputs?.add(order, on: date, run: run, writer: writer, ledger: ledger)
        }

        /// Counts an order (or a number) refused, with the reason, printed and recorded.
        mutating func refuse(_ at: String, _ reason: String) throws {
            counts.rejected += 1
            lines.append("\(at): \(kind == .release ? "not released" : "refused"): \(reason)", always: true)
            try ledger.recordReject(run: run, location: at, rule: kind.rawValue, field: nil, reason: reason, record: nil)
        }
    }

    /// Runs `body`, then records the files and counts and ends the run.
    func perform(writing stage: OutputSpec.Stage?, _ body: (inout Pass) throws -> Void) throws -> OrderDesk.Result {
        let runner = JobRunner(context: context)
        let start = context.start(of: job, kind: kind)
        try runner.prepare(job, start: start)
        var writer: OutputWriter?
        let finished: (files: [OutputWriter.PreparedFile], run: Int64, result: OrderDesk.Result)
        do {
            finished = try context.ledger.transaction(commit: !context.dryRun) { ledger in
                let run = try ledger.startRun(start)
                let opened = OutputWriter(
                    root: context.outputRoot, tag: TemporaryFiles.tag(job: job.id, run: run, pid: context.pid), dryRun: context.dryRun,
                    access: try context.project.group.map(OutputFolders.Access.group) ?? .owner,
                    journal: TemporaryFiles.journal(of: job, under: context.outputRoot))
                writer = opened
                var pass = Pass(kind: kind, ledger: ledger, run: run, start: start, writer: opened, digits: job.records.number?.digits ?? 1)
                pass.outputs = try stage.flatMap { try HeldOutputs(job: job, stage: $0, context: context) }
                try body(&pass)
                return try finish(pass)
            }
        } catch {
            writer?.discard()
            TemporaryFiles.removeJournal(of: job, under: context.outputRoot)
            if !context.dryRun, !(error is LedgerError || error is LedgerRefused || error is ApprovalRefused) {
                _ = try? context.ledger.recordFailedRun(start, status: error is Interrupted ? .interrupted : .failed, message: "\(error)")
            }
            throw error
        }
        guard !context.dryRun else {
            writer?.discard()
            return finished.result
        }
        try runner.publish(finished.files, of: job, run: finished.run, status: finished.result.summary.status)
        return finished.result
    }

    private func finish(_ pass: Pass) throws -> (files: [OutputWriter.PreparedFile], run: Int64, result: OrderDesk.Result) {
        var pass = pass
        let writer = pass.writer
        try pass.outputs?.finish(to: writer)
        let prepared = try pass.writer.prepare()
        let recorded = prepared.map { file in
            let summary = pass.outputs?.summary(of: file.pathRequested)
            return OutputRecord(
                path: file.path, absolutePath: file.url.path, temporaryPath: file.temporary.path, sha256: file.sha256, size: file.size,
                kind: summary?.kind ?? "", records: summary?.records ?? 0)
        }
        try pass.ledger.recordOutputs(run: pass.run, files: recorded)
        let counts = pass.counts
        let status: RunStatus = counts.rejected > 0 ? .completedWithRejects : .succeeded
        try pass.ledger.finishRun(run: pass.run, result: RunResult(
            status: context.dryRun || recorded.isEmpty ? status : .publishing, input: counts.input, issued: counts.issued,
            rejected: counts.rejected, skipped: counts.skipped, rejectsFile: nil, finishedAt: context.timestamp))
        let summary = RunSummary(
            runID: context.dryRun ? nil : pass.run, job: job.id, status: status, dryRun: context.dryRun, asOf: pass.start.asOf,
            input: counts.input, issued: counts.issued, rejected: counts.rejected, newRejects: counts.rejected, skipped: counts.skipped,
            outputs: recorded.map {
                RunSummary.File(
                    path: context.project.root.display(URL(fileURLWithPath: $0.absolutePath)), sha256: $0.sha256, size: $0.size,
                    kind: $0.kind, records: $0.records)
            },
            rejectsFile: nil, savedMinutes: 0, kind: kind)
        return (prepared, pass.run, OrderDesk.Result(summary: summary, lines: pass.lines.all))
    }
}
