import Foundation
import JimuSpec

/// 送信: writes the 全銀 files of a job's approved orders whose 振込指定日 falls in the release window,
/// as a run of its own kind, with the same guarantees as any run: files written to temporary
/// names and fsynced, the orders marked released in the same ledger transaction that records the
/// files, and the files renamed into place after it commits (a crash in between is finished by
/// the next run). An order is released once: across crashes (the transaction rolls back, or its
/// files are put in place by recovery) and overlapping runs (the job's lock, the ledger's lock).
///
/// The window on business date T: from the first date the bank still takes (T plus
/// `min_lead_business_days`) through T plus `release_business_days` bank business days. An
/// approved order whose date is already before the window is late: it is not dropped but reported
/// as refused on every release until it is re-dated (`jimu approve --payment-date`) or cancelled.
public struct TransferRelease {
    let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    /// The first and last 振込指定日 released on a business date.
    public static func window(on date: LocalDate, project: ProjectConfig) -> ClosedRange<LocalDate> {
        let lead = project.zengin?.minLeadBusinessDays ?? 1
        let days = max(project.approval?.releaseBusinessDays ?? ApprovalConfig().releaseBusinessDays, lead)
        return BusinessCalendar.bank.adding(businessDays: lead, to: date)...BusinessCalendar.bank.adding(businessDays: days, to: date)
    }

    /// Releases what is due.
    public func release(_ job: Job) throws -> OrderDesk.Result {
        var selection = try OrderDesk.selection(of: job)
        guard let index = job.outputs.firstIndex(where: { $0.format == .zengin }), case .zengin(let zengin) = job.outputs[index].options else {
            throw ApprovalRefused("\(job.id) writes no 全銀 output: its approved orders have nothing to release")
        }
        let runner = JobRunner(context: context)
        let start = context.start(of: job, kind: .release)
        try runner.prepare(job, start: start)
        let window = Self.window(on: context.businessDate, project: context.project)
        selection.job = job.id
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
                var pass = try Pass(job: job, output: index, zengin: zengin, run: run, context: context, writer: opened)
                let result = try pass.release(selection, window: window, ledger: ledger)
                return (try opened.prepare(), run, result)
            }
        } catch {
            writer?.discard()
            TemporaryFiles.removeJournal(of: job, under: context.outputRoot)
            if !context.dryRun, !(error is LedgerError || error is LedgerRefused) {
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

    /// One release run inside its transaction.
    private struct Pass {
        let job: Job
        let run: Int64
        let context: RunContext
        let writer: OutputWriter
        let seal: TransferSeal
        let schema: RecordSchema
        let dateField: String
        var outputs: Outputs
        var files: OutputFiles
        let digits: Int

        init(job: Job, output index: Int, zengin: ZenginOutput, run: Int64, context: RunContext, writer: OutputWriter) throws {
            (self.job, self.run, self.context, self.writer) = (job, run, context, writer)
            let url = context.project.resolveOwn(context.project.approval?.transferKey ?? ApprovalConfig().transferKey)
            do { seal = try TransferSeal.load(url, create: false) } catch let failure as TransferSeal.Failure {
                throw LedgerRefused(message: failure.description)
            }
            // The transfer file as the job describes it now, fed the bytes rendered at issue.
            var released = job
            released.outputs = [job.outputs[index]]
            released.approval = nil
            let names = TransferHold.names(of: zengin, path: job.outputs[index].to)
            schema = RecordSchema(names: names, types: names.map { _ in .text }, personal: names.map { _ in false })
            dateField = zengin.transferDate
            let values = RunValues(
                job: job, runID: run, date: context.businessDate, timestamp: context.timestamp, organisation: context.project.organisation)
            outputs = try Outputs(job: released, context: RenderContext(
                schema: schema, run: values, root: context.project.root, job: released, zengin: context.project.zengin,
                timestamp: context.timestamp))
            files = OutputFiles(outputs)
            digits = job.records.number?.digits ?? 1
        }

        mutating func release(_ selection: OrderSelection, window: ClosedRange<LocalDate>, ledger: any LedgerTransaction) throws -> OrderDesk.Result {
            var approved = selection
            approved.states = [.approved]
            var counts = RunCounts()
            var lines: [String] = []
            for order in try ledger.orders(approved) {
                guard let date = order.paymentDate.flatMap(LocalDate.init(iso:)), date <= window.upperBound else { continue }
                counts.input += 1
                let at = order.number.text(digits: digits)
                if let reason = date < window.lowerBound ? late(order, date) : try add(order, on: date) {
                    counts.rejected += 1
                    lines.append("\(at): not released: \(reason)")
                    try ledger.recordReject(run: run, location: at, rule: "release", field: nil, reason: reason, record: nil)
                    continue
                }
                counts.issued += 1
                try ledger.move(order.number, to: .released, run: run, actor: context.user, paymentDate: nil, note: nil, reference: nil)
                lines.append("\(at): 決裁済 → 送信済, 振込指定日 \(date.iso), ￥\(Transforms.grouped(order.amount))")
            }
            var pending = selection
            pending.states = [.pending]
            let waiting = try ledger.orders(pending).filter { order in
                order.paymentDate.flatMap(LocalDate.init(iso:)).map { $0 <= window.upperBound } ?? false
            }
            if !waiting.isEmpty {
                lines.append("\(waiting.count) order(s) dated through \(window.upperBound.iso) still await 決裁 and were not released: \(waiting.prefix(10).map { IssueRules.padded($0.number.number, to: digits) }.joined(separator: ", "))\(waiting.count > 10 ? ", …" : "")")
            }
            try files.finish(to: writer)
            let prepared = try writer.prepare()
            let recorded = prepared.map { file in
                OutputRecord(
                    path: file.path, absolutePath: file.url.path, temporaryPath: file.temporary.path, sha256: file.sha256, size: file.size,
                    kind: "zengin", records: files.summary(of: file.pathRequested)?.records ?? 0)
            }
            try ledger.recordOutputs(run: run, files: recorded)
            let status: RunStatus = counts.rejected > 0 ? .completedWithRejects : .succeeded
            try ledger.finishRun(run: run, result: RunResult(
                status: context.dryRun || recorded.isEmpty ? status : .publishing, input: counts.input, issued: counts.issued,
                rejected: counts.rejected, skipped: counts.skipped, rejectsFile: nil, finishedAt: context.timestamp))
            let summary = RunSummary(
                runID: context.dryRun ? nil : run, job: job.id, status: status, dryRun: context.dryRun, asOf: context.businessDate.iso,
                input: counts.input, issued: counts.issued, rejected: counts.rejected, newRejects: counts.rejected, skipped: counts.skipped,
                outputs: recorded.map {
                    RunSummary.File(
                        path: context.project.root.display(URL(fileURLWithPath: $0.absolutePath)), sha256: $0.sha256, size: $0.size,
                        kind: $0.kind, records: $0.records)
                },
                rejectsFile: nil, savedMinutes: 0, kind: .release)
            return OrderDesk.Result(summary: summary, lines: lines)
        }

        /// Why an approved order past the window is not released, and what to do.
        private func late(_ order: Order, _ date: LocalDate) -> String {
            let lead = context.project.zengin?.minLeadBusinessDays ?? 1
            var last = date.adding(days: -1)
            while !BusinessCalendar.bank.isBusinessDay(last) || BusinessCalendar.bank.adding(businessDays: lead, to: last) > date {
                last = last.adding(days: -1)
            }
            return "振込指定日 \(date.iso) is past: the bank takes a file for it only up to \(last.iso); re-date it (jimu approve --number \(order.number.number) --fiscal-year \(order.number.fiscalYear) --redate YYYY-MM-DD) or cancel it"
        }

        /// Adds an order's transfer to its file; why it cannot be, or nil.
        private mutating func add(_ order: Order, on date: LocalDate) throws -> String? {
            guard let sealed = order.transfer else { return "it was issued without a 全銀 transfer" }
            let transfer = try seal.open(sealed, for: order.number, key: order.key)
            var values: [FieldValue] = []
            for name in schema.names {
                if name == dateField {
                    values.append(.date(date))
                } else if let value = transfer.value(of: name) {
                    values.append(value)
                } else {
                    return "its transfer was held without field '\(name)', which the job's 全銀 output now uses; cancel it and issue it again"
                }
            }
            var record = Record(schema: schema, values: values, location: RecordLocation(file: "order", line: nil, index: order.number.number))
            record.key = order.key
            let rendered = zip(outputs.paths(of: record), [Rendering.bytes(transfer.line)]).map { Outputs.Rendered(path: $0, rendering: $1) }
            do { try files.add(record, rendered: rendered, to: writer) } catch let error as RenderError {
                return error.masked ?? error.message
            }
            return nil
        }
    }
}
