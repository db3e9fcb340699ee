import Foundation
import JimuSpec

/// 送信: writes the 全銀 files of a job's approved orders whose 振込指定日 falls in the release window
/// (and its other `stage: released` outputs, such as the 決裁済 支出命令書), as a run of its own kind, with the same guarantees as any run: files written to temporary
/// names and fsynced, the orders marked released in the same ledger transaction that records the
/// files, and the files renamed into place after it commits (a crash in between is finished by
/// the next run). An order is released once: across crashes (the transaction rolls back, or its
/// files are put in place by recovery) and overlapping runs (the job's lock, the ledger's lock).
///
/// The window on business date T: from the first date the bank still takes (T plus
/// `min_lead_business_days`) through T plus `release_business_days` bank business days. An
/// approved order whose date is already before the window is late: it is not dropped but reported
/// as refused on every release until it is re-dated (`jimu approve --redate`) or cancelled. An
/// order without a 振込指定日 (an inquiry) is released once approved.
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
        guard job.outputs.contains(where: job.isReleased) else {
            throw ApprovalRefused("\(job.id) releases no output (a 全銀 output, or one with 'stage: released'): its approved orders have nothing to release")
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
                var pass = Pass(job: job, run: run, context: context, writer: opened, window: window)
                let (files, result) = try pass.release(selection, ledger: ledger)
                return (files, run, result)
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

    /// The values a released output sees besides the order's fields: who approved it and when
    /// (for the 決裁欄 of a 支出命令書), and who issued it.
    static let approvalValues = ApprovalSpec.values.map { (name: $0, type: $0 == "approved_on" ? FieldType.date : .text) }
        + [(name: RunValue.order_date.rawValue, type: FieldType.date)]

    /// One release run inside its transaction.
    private struct Pass {
        let job: Job
        let run: Int64
        let context: RunContext
        let writer: OutputWriter
        let window: ClosedRange<LocalDate>
        let digits: Int
        /// The released outputs, once the first order shows the fields they were held with.
        var outputs: Outputs?
        var files: OutputFiles?
        var schema = RecordSchema(names: [], types: [], personal: [])
        /// The 全銀 output among them, whose bytes were rendered at issue, and its date field.
        var transfer: (output: Int, date: String)?
        /// Whether an output other than the 全銀 file is released (one that may print who approved).
        var showsApproval = false

        init(job: Job, run: Int64, context: RunContext, writer: OutputWriter, window: ClosedRange<LocalDate>) {
            (self.job, self.run, self.context, self.writer, self.window) = (job, run, context, writer, window)
            digits = job.records.number?.digits ?? 1
        }

        mutating func release(
            _ selection: OrderSelection, ledger: any LedgerTransaction
        ) throws -> (files: [OutputWriter.PreparedFile], result: OrderDesk.Result) {
            let seal = try Self.seal(context)
            var approved = selection
            approved.states = [.approved]
            var counts = RunCounts()
            var lines = OrderLines()
            try ledger.eachOrder(approved) { order in
                let date = order.paymentDate.flatMap(LocalDate.init(iso:))
                if let date, date > window.upperBound { return }
                counts.input += 1
                let at = order.number.text(digits: digits)
                let reason: String?
                if let date, date < window.lowerBound {
                    reason = late(order, date)
                } else {
                    reason = try add(order, on: date, seal: seal, ledger: ledger)
                }
                if let reason {
                    counts.rejected += 1
                    lines.append("\(at): not released: \(reason)", always: true)
                    try ledger.recordReject(run: run, location: at, rule: "release", field: nil, reason: reason, record: nil)
                    return
                }
                counts.issued += 1
                try ledger.move(order.number, OrderChange(.released, by: context.user, on: context.businessDate.iso), run: run)
                lines.append("\(at): 決裁済 → 送信済" + (date.map { ", 振込指定日 \($0.iso), ￥\(Transforms.grouped(order.amount))" } ?? ""))
            }
            var pending = selection
            pending.states = [.pending]
            var waiting: (count: Int, first: [String]) = (0, [])
            try ledger.eachOrder(pending) { order in
                guard order.paymentDate.flatMap(LocalDate.init(iso:)).map({ $0 <= window.upperBound }) ?? true else { return }
                waiting.count += 1
                if waiting.first.count < 10 { waiting.first.append(IssueRules.padded(order.number.number, to: digits)) }
            }
            if waiting.count > 0 {
                lines.append(
                    "\(waiting.count) order(s) due through \(window.upperBound.iso) still await 決裁 and were not released: \(waiting.first.joined(separator: ", "))\(waiting.count > 10 ? ", …" : "")",
                    always: true)
            }
            let writer = self.writer
            try files?.finish(to: writer)
            let prepared = try writer.prepare()
            let recorded = prepared.map { file in
                let summary = files?.summary(of: file.pathRequested)
                return OutputRecord(
                    path: file.path, absolutePath: file.url.path, temporaryPath: file.temporary.path, sha256: file.sha256, size: file.size,
                    kind: summary?.kind ?? "", records: summary?.records ?? 0)
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
            return (prepared, OrderDesk.Result(summary: summary, lines: lines.all))
        }

        private static func seal(_ context: RunContext) throws -> TransferSeal {
            let url = context.project.resolveOwn(context.project.approval?.transferKey ?? ApprovalConfig().transferKey)
            do { return try TransferSeal.load(url, create: false) } catch let failure as TransferSeal.Failure {
                throw LedgerRefused(message: failure.description)
            }
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

        /// The released outputs, compiled against the fields the first order was held with and
        /// the approval values; run values are the release run's.
        private mutating func compile(for held: HeldTransfer) throws {
            let names = held.fields.map(\.name) + TransferRelease.approvalValues.map(\.name)
            let types = held.fields.map { FieldType(rawValue: $0.type) ?? .text } + TransferRelease.approvalValues.map(\.type)
            schema = RecordSchema(names: names, types: types, personal: names.map { _ in false })
            var released = job
            released.outputs = job.outputs.filter(job.isReleased)
            released.approval = nil
            let values = RunValues(
                job: job, runID: run, date: context.businessDate, timestamp: context.timestamp, organisation: context.project.organisation)
            let compiled = try Outputs(job: released, context: RenderContext(
                schema: schema, run: values, root: context.project.root, job: released, zengin: context.project.zengin,
                timestamp: context.timestamp))
            if let index = released.outputs.firstIndex(where: { $0.format == .zengin }), case .zengin(let zengin) = released.outputs[index].options {
                transfer = (index, zengin.transferDate)
            }
            (outputs, files) = (compiled, OutputFiles(compiled))
            showsApproval = released.outputs.contains { $0.format != .zengin }
        }

        /// Adds an order to the released files; why it cannot be, or nil.
        private mutating func add(_ order: Order, on date: LocalDate?, seal: TransferSeal, ledger: any LedgerTransaction) throws -> String? {
            guard let sealed = order.transfer else { return "it was issued without what its released outputs need; cancel it and issue it again" }
            let held = try seal.open(sealed, for: order.number, key: order.key)
            if outputs == nil { try compile(for: held) }
            var values: [FieldValue] = []
            for name in schema.names.dropLast(TransferRelease.approvalValues.count) {
                if let date, name == transfer?.date {
                    values.append(.date(date))
                } else if let value = held.value(of: name) {
                    values.append(value)
                } else {
                    return "it was held without field '\(name)', which the job's released outputs now use; cancel it and issue it again"
                }
            }
            // Who approved, read from the history only for outputs that print it (a 全銀 file does not).
            values += showsApproval
                ? try approval(of: order, ledger: ledger) : Array(repeating: .empty, count: TransferRelease.approvalValues.count - 1)
                    + [LocalDate(iso: order.issuedOn).map(FieldValue.date) ?? .empty]
            var record = Record(schema: schema, values: values, location: RecordLocation(file: order.number.sequence, line: nil, index: order.number.number))
            record.key = order.key
            do {
                let given = transfer.map { [$0.output: Rendering.bytes(held.line)] } ?? [:]
                let rendered = try outputs!.render(record, given: given)
                let writer = self.writer
                try files!.add(record, rendered: rendered, to: writer)
            } catch let error as RenderError {
                return error.masked ?? error.message
            }
            return nil
        }

        /// Who approved an order and when, and who issued it and when (`order_date`, in place of the
    /// release run's), as the approval values.
        private func approval(of order: Order, ledger: any LedgerTransaction) throws -> [FieldValue] {
            let approval = try ledger.history(of: order.number).last { $0.state == .approved }
            let approver = approval.flatMap { context.project.approval?.approver($0.actor) }
            let text = { (value: String?) in value.map(FieldValue.text) ?? .empty }
            return [
                text(approver?.name ?? approval?.actor), text(approver?.title),
                approval?.decidedOn.flatMap(LocalDate.init(iso:)).map(FieldValue.date) ?? .empty, text(approval?.reference),
                text(approval?.note), text(order.issuedBy), LocalDate(iso: order.issuedOn).map(FieldValue.date) ?? .empty,
            ]
        }
    }
}
