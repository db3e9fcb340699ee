import Foundation
import JimuSpec

/// The approvals a job of 電子決裁 results records (`records.approves:`): each record approves the
/// order it names, as `jimu approve` would, with the 決裁者, 決裁番号 and 決裁日 it carries. Like the
/// issue rules, it checks a claimed record first (`check`) and approves its order only once the
/// record is written (`commit`), in the run's transaction.
struct ApprovalImport {
    private let spec: ApprovesSpec
    private let number: Int
    private let approver: Int
    private let fiscalYear: Int?
    private let reference: Int?
    private let date: Int?
    private let approvers: ApprovalConfig
    private let project: ProjectConfig
    /// The approvers each issuing job names (empty: all of jimu.yaml's), by job file.
    private var jobApprovers: [String: Result<[String], Rejection>] = [:]
    /// The run's business date: the 決裁日 of a record that gives none.
    private let runDate: String
    /// The order the record being issued approves, and by whom, until it is committed.
    private var pending: (order: OrderNumber, change: OrderChange)?

    /// The approvals of a job, nil when its records approve nothing.
    init?(job: Job, schema: RecordSchema, project: ProjectConfig, runDate: LocalDate) {
        guard let spec = job.records.approves, let number = schema.index[spec.number], let approver = schema.index[spec.approver]
        else { return nil }
        (self.spec, self.number, self.approver) = (spec, number, approver)
        fiscalYear = spec.fiscalYear.flatMap { schema.index[$0] }
        reference = spec.reference.flatMap { schema.index[$0] }
        date = spec.date.flatMap { schema.index[$0] }
        approvers = project.approval ?? ApprovalConfig()
        self.project = project
        self.runDate = runDate.iso
    }

    /// Why the record's approval cannot be taken: an unknown, cancelled or released order, a
    /// 決裁者 who may not approve it. Nil when it can.
    mutating func check(_ record: Record, ledger: any LedgerTransaction) throws -> Rejection? {
        pending = nil
        let text = record.values[number].text
        guard let value = Int(text), value > 0 else {
            return Rejection(field: spec.number, rule: "approves", message: "\(spec.sequence) '\(text)' is not a number")
        }
        var selection = OrderSelection(sequence: spec.sequence)
        selection.numbers = [value...value]
        selection.fiscalYear = fiscalYear.flatMap { record.values[$0].integer }
        let found = try ledger.orders(selection)
        let named = "\(spec.sequence) \(text)"
        guard let order = found.first else {
            return Rejection(
                field: spec.number, rule: "approves",
                message: "\(named) is no order waiting for approval (see 'jimu show orders'); check the number")
        }
        guard found.count == 1 else {
            return Rejection(
                field: spec.number, rule: "approves",
                message: "\(named) exists in \(found.map { Wareki.fiscalYear($0.number.fiscalYear) }.joined(separator: " and ")); map the 会計年度 to 'fiscal_year:'")
        }
        let name = record.values[approver].text
        guard let person = approvers.approver(named: name) else {
            return Rejection(
                field: spec.approver, rule: "approves",
                message: "決裁者 '\(name)' is not an approver in jimu.yaml (\(approvers.approvers.map(\.name).joined(separator: ", "))); check the 決裁者 or add them")
        }
        let allowed: [String]
        switch approvers(of: order) {
        case .success(let users): allowed = users
        case .failure(let rejection): return rejection
        }
        if !allowed.isEmpty, !allowed.contains(person.user) {
            return Rejection(
                field: spec.approver, rule: "approves",
                message: "決裁者 '\(name)' does not approve the orders of \(order.job) (its approvers: \(allowed.joined(separator: ", ")))")
        }
        switch order.state {
        case .cancelled:
            return Rejection(field: spec.number, rule: "approves", message: "\(named) was cancelled (取消); its approval is void")
        case .released:
            return Rejection(field: spec.number, rule: "approves", message: "\(named) was already released to the bank")
        case _ where order.issuedBy == person.user:
            return Rejection(
                field: spec.approver, rule: "approves",
                message: "\(named) was issued by \(person.user): the person who issued an order does not approve it (four eyes)")
        case .pending, .approved:
            let day = date.flatMap { if case .date(let day) = record.values[$0] { day.iso } else { nil } }
            pending = (order.number, OrderChange(
                .approved, by: person.user, on: day ?? runDate, note: "電子決裁", reference: reference.map { record.values[$0].text }))
            return nil
        }
    }

    /// The approvers the job that issued an order names, read from its job file once.
    private mutating func approvers(of order: Order) -> Result<[String], Rejection> {
        if let known = jobApprovers[order.jobFile] { return known }
        // Named as the issuing run was given it: absolute, or from the folder it was run in.
        let here = URL(fileURLWithPath: order.jobFile)
        let url = order.jobFile.hasPrefix("/") || FileManager.default.fileExists(atPath: here.path)
            ? here : project.root.url.appendingPathComponent(order.jobFile)
        let found: Result<[String], Rejection> = JobLoader.read(url, project: project).0.map { .success($0.approval?.approvers ?? []) }
            ?? .failure(Rejection(
                rule: "approves", message: "the job file \(order.jobFile) that issued the order no longer loads: its approvers are unknown; run 'jimu check \(order.jobFile)'"))
        jobApprovers[order.jobFile] = found
        return found
    }

    /// The record was written: its order is approved.
    mutating func commit(run: Int64, ledger: any LedgerTransaction) throws {
        guard let (order, change) = pending else { return }
        try ledger.move(order, change, run: run)
        pending = nil
    }
}
