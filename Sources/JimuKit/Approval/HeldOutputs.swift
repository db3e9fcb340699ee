import JimuSpec

/// The outputs a run of orders writes for the orders it moves, from what their issue held
/// (`TransferHold`): `jimu release` the released ones (the 全銀 file, the 決裁済 支出命令書), `jimu
/// cancel` the cancelled ones (a 取消 register). Compiled against the fields the first order was
/// held with, and the approval values (`ApprovalSpec.values`); run values are this run's, but for
/// `order_date`, the issuing run's.
struct HeldOutputs {
    private let job: Job
    private let stage: OutputSpec.Stage
    private let context: RunContext
    private let seal: TransferSeal
    private var outputs: Outputs?
    private var files: OutputFiles?
    private var schema = RecordSchema(names: [], types: [], personal: [])
    /// The 全銀 output among them, whose bytes were rendered at issue, and its date field.
    private var transfer: (output: Int, date: String)?
    /// Whether an output other than the 全銀 file is written (one that may print who approved).
    private var showsApproval = false

    /// The values outputs see besides the order's fields.
    static let values = ApprovalSpec.values.map { (name: $0, type: $0 == "approved_on" ? FieldType.date : .text) }
        + [(name: RunValue.order_date.rawValue, type: FieldType.date)]

    /// The outputs of a stage, nil when the job has none.
    init?(job: Job, stage: OutputSpec.Stage, context: RunContext) throws {
        guard job.outputs.contains(where: { job.stage(of: $0) == stage }) else { return nil }
        (self.job, self.stage, self.context) = (job, stage, context)
        seal = try context.transferSeal(holding: false)
    }

    /// Adds an order to the files (its 振込指定日 `date`, re-dated perhaps); why it cannot be, or nil.
    mutating func add(_ order: Order, on date: LocalDate?, run: Int64, writer: OutputWriter, ledger: any LedgerTransaction) throws -> String? {
        guard let sealed = order.transfer else { return "it was issued without what the job's \(stage.rawValue) outputs need; cancel it and issue it again" }
        let held = try seal.open(sealed, for: order.number, key: order.key)
        if outputs == nil { try compile(for: held, run: run) }
        var values: [FieldValue] = []
        for name in schema.names.dropLast(Self.values.count) {
            if let date, name == transfer?.date {
                values.append(.date(date))
            } else if let value = held.value(of: name) {
                values.append(value)
            } else {
                return "it was held without field '\(name)', which the job's \(stage.rawValue) outputs now use; cancel it and issue it again"
            }
        }
        values += try approvalValues(of: order, ledger: ledger)
        var record = Record(schema: schema, values: values, location: RecordLocation(file: order.number.sequence, line: nil, index: order.number.number))
        record.key = order.key
        do {
            let rendered = try outputs!.render(record, given: transfer.map { [$0.output: Rendering.bytes(held.line)] } ?? [:])
            try files!.add(record, rendered: rendered, to: writer)
        } catch let error as RenderError {
            return error.masked ?? error.message
        }
        return nil
    }

    /// Writes the files' endings.
    mutating func finish(to writer: OutputWriter) throws {
        try files?.finish(to: writer)
    }

    /// The kind and record count of a written file.
    func summary(of path: String) -> (kind: String, records: Int)? {
        files?.summary(of: path)
    }

    private mutating func compile(for held: HeldTransfer, run: Int64) throws {
        let names = held.fields.map(\.name) + Self.values.map(\.name)
        let types = held.fields.map { FieldType(rawValue: $0.type) ?? .text } + Self.values.map(\.type)
        schema = RecordSchema(names: names, types: types, personal: names.map { _ in false })
        var written = job
        written.outputs = job.outputs.filter { job.stage(of: $0) == stage }
        written.approval = nil
        let values = RunValues(
            job: job, runID: run, date: context.businessDate, timestamp: context.timestamp, organisation: context.project.organisation)
        let compiled = try Outputs(job: written, context: RenderContext(
            schema: schema, run: values, root: context.project.root, job: written, zengin: context.project.zengin,
            timestamp: context.timestamp))
        if let index = written.outputs.firstIndex(where: { $0.format == .zengin }), case .zengin(let zengin) = written.outputs[index].options {
            transfer = (index, zengin.transferDate)
        }
        (outputs, files) = (compiled, OutputFiles(compiled))
        showsApproval = written.outputs.contains { $0.format != .zengin }
    }

    /// Who approved an order and when, the comment, who cancelled it and why, and who issued it
    /// and when (`order_date`): read from its history only for outputs that print it (a 全銀 file
    /// does not).
    private func approvalValues(of order: Order, ledger: any LedgerTransaction) throws -> [FieldValue] {
        let issued = LocalDate(iso: order.issuedOn).map(FieldValue.date) ?? .empty
        guard showsApproval else { return Array(repeating: .empty, count: Self.values.count - 1) + [issued] }
        let history = try ledger.history(of: order.number)
        let approval = history.last { $0.state == .approved }
        let approver = approval.flatMap { context.project.approval?.approver($0.actor) }
        let cancel = history.last { $0.state == .cancelled }
        let text = { (value: String?) in value.map(FieldValue.text) ?? .empty }
        let byName: [String: FieldValue] = [
            "approved_by": text(approver?.name ?? approval?.actor), "approved_by_title": text(approver?.title),
            "approved_on": approval?.decidedOn.flatMap(LocalDate.init(iso:)).map(FieldValue.date) ?? .empty,
            "approval_reference": text(approval?.reference), "approval_comment": text(approval?.note), "issued_by": text(order.issuedBy),
            "cancelled_by": text(cancel?.actor), "cancel_reason": text(cancel?.note),
        ]
        return ApprovalSpec.values.map { byName[$0] ?? .empty } + [issued]
    }
}
