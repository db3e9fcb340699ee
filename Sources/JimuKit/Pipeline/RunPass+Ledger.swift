import Foundation
import JimuSpec

extension RunPass {
    /// Records inputs, outputs, counts and credit of a finished pass (as `publishing`: the files
    /// are renamed into place after the transaction commits).
    func record(
        runID: Int64, date: LocalDate, files: [OutputWriter.PreparedFile], outputs: OutputFiles,
        ledger: any LedgerTransaction
    ) throws -> Finished {
        let recorded = files.map { file in
            let summary = file.pathRequested == rejectsPath
                ? (kind: "rejects", records: counts.rejected) : outputs.summary(of: file.pathRequested)!
            return OutputRecord(
                path: file.path, absolutePath: file.url.path, temporaryPath: file.temporary.path, sha256: file.sha256,
                size: file.size, kind: summary.kind, records: summary.records)
        }
        try ledger.recordInputs(run: runID, input: job.records.from, files: sourceFiles)
        for (input, table) in lookupTables { try ledger.recordInputs(run: runID, input: input, files: table.files) }
        try ledger.recordOutputs(run: runID, files: recorded)
        try ledger.recordSkipped(run: runID, skipped.map {
            SkippedRecords(first: $0.first.description, last: $0.last.description, count: $0.count, reason: $0.reason.description(run: runID))
        })
        let status: RunStatus = counts.rejected > 0 ? .completedWithRejects : .succeeded
        let rejectsFile = recorded.first { $0.kind == "rejects" }.map { context.project.root.display(URL(fileURLWithPath: $0.absolutePath)) }
        try ledger.finishRun(run: runID, result: RunResult(
            status: context.dryRun ? status : .publishing, input: counts.input, issued: counts.issued,
            rejected: counts.rejected, skipped: counts.skipped, rejectsFile: rejectsFile, finishedAt: context.timestamp))
        let minutes = try credit(runID: runID, date: date, ledger: ledger)
        let summary = RunSummary(
            runID: context.dryRun ? nil : runID, job: job.id, status: status, dryRun: context.dryRun, asOf: date.iso,
            input: counts.input, issued: counts.issued, rejected: counts.rejected,
            newRejects: counts.rejected > 0 ? try ledger.newRejects(run: runID, job: job.id) : 0, skipped: counts.skipped,
            outputs: recorded.map {
                RunSummary.File(
                    path: context.project.root.display(URL(fileURLWithPath: $0.absolutePath)), sha256: $0.sha256,
                    size: $0.size, kind: $0.kind, records: $0.records)
            },
            rejectsFile: rejectsFile, savedMinutes: minutes)
        return Finished(runID: runID, files: files, summary: summary)
    }

    /// Credits the minutes saved at the baseline in force on the run date (stored beside the
    /// credit, so that a changed estimate never rewrites the past); nothing for dry runs or runs
    /// that issued nothing.
    private func credit(runID: Int64, date: LocalDate, ledger: any LedgerTransaction) throws -> Double {
        guard let baseline = SavingsBaseline.inForce(on: date.iso, among: job.savings) else { return 0 }
        let minutes = baseline.minutes(issued: counts.issued)
        guard !context.dryRun, counts.issued > 0 else { return minutes }
        try ledger.credit(SavingsCredit(
            run: runID, job: job.id, fiscalYear: date.fiscalYear, runDate: date.iso, records: counts.issued, minutes: minutes,
            baseline: baseline))
        return minutes
    }
}
