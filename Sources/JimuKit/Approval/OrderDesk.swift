import JimuSpec

/// 決裁 and 取消 of payment orders: each command is a run of the job, of its own kind, in one ledger
/// transaction, so that every state change is kept with who, when, where and why, and linked into
/// the ledger's chain like any run.
///
/// - approve (決裁): 起票済 → 決裁済, by an approver of `jimu.yaml` (and of the job, when it names
///   some) who did not issue the order (four eyes); an approved order may be approved again with
///   a new 振込指定日 (re-dating).
/// - cancel (取消): 起票済 or 決裁済 → 取消, with a reason: the key can be issued again, the balance
///   drawn is given back, the number stays used, and the job's `stage: cancelled` outputs (a
///   取消簿) are written for it.
///
/// Orders already where the command would take them are counted as skipped; orders that cannot
/// move (cancelled, released, issued by the approver, unknown numbers) as rejected, with the reason.
public struct OrderDesk {
    let context: RunContext

    public init(context: RunContext) {
        self.context = context
    }

    /// What a command asks.
    public struct Request: Sendable {
        public var selection: OrderSelection
        /// The comment (決裁) or reason (取消).
        public var note: String?
        /// The 決裁番号 of an e-approval system.
        public var reference: String?
        /// A new 振込指定日 (re-dating an approval).
        public var paymentDate: LocalDate?

        public init(selection: OrderSelection, note: String? = nil, reference: String? = nil, paymentDate: LocalDate? = nil) {
            (self.selection, self.note, self.reference, self.paymentDate) = (selection, note, reference, paymentDate)
        }
    }

    /// What a command did: the run's summary, and a line per order named.
    public struct Result: Sendable {
        public var summary: RunSummary
        public var lines: [String]
    }

    /// The selection of a job's orders: its sequence.
    public static func selection(of job: Job) throws -> OrderSelection {
        guard job.needsApproval, let number = job.records.number else {
            throw ApprovalRefused("\(job.id) does not need approval: add 'approval: { required: true }' to its job file")
        }
        return OrderSelection(sequence: number.sequence)
    }

    /// 決裁: approves the orders named.
    public func approve(_ job: Job, _ request: Request) throws -> Result {
        let approver = try approver(for: .approve, of: job)
        if let date = request.paymentDate { try checkRedating(to: date) }
        return try move(job, request, kind: .approve) { order in
            if let date = request.paymentDate, order.state == .pending || order.state == .approved,
               case let closed = context.project.closing(of: order.number.fiscalYear), date > closed
            {
                return .refused("--redate \(date.iso) is after \(Wareki.fiscalYear(order.number.fiscalYear))'s 出納閉鎖 on \(closed.iso) (地方自治法第235条の5): the year cannot pay then")
            }
            switch order.state {
            case .pending where order.issuedBy == approver.user, .approved where order.issuedBy == approver.user:
                return .refused("issued by \(approver.user) (run \(order.run)): the person who issued an order does not approve it (four eyes); ask another approver")
            case .pending:
                return .move(.approved)
            case .approved:
                guard let date = request.paymentDate?.iso, date != order.paymentDate else { return .unchanged("already approved") }
                return .move(.approved)
            case .cancelled: return .refused("cancelled (取消); issue a corrected record as a new order")
            case .released: return .unchanged("already released to the bank")
            }
        }
    }

    /// 取消: cancels the orders named, with a reason.
    public func cancel(_ job: Job, _ request: Request) throws -> Result {
        _ = try approver(for: .cancel, of: job)
        guard let reason = request.note, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ApprovalRefused("a cancellation needs a reason (--reason)")
        }
        return try move(job, request, kind: .cancel) { order in
            switch order.state {
            case .pending, .approved: .move(.cancelled)
            case .cancelled: .unchanged("already cancelled")
            case .released: .refused("already released to the bank: a transfer sent is recalled with the bank (組戻し), not cancelled here")
            }
        }
    }

    private enum Step {
        case move(OrderState)
        case unchanged(String)
        case refused(String)
    }

    /// The acting person, who must be an approver of `jimu.yaml`, and of the job when it names some.
    private func approver(for kind: RunKind, of job: Job) throws -> ApprovalConfig.Approver {
        guard let config = context.project.approval else {
            throw ApprovalRefused("jimu.yaml names no approvers: add 'approval: { approvers: [...] }'")
        }
        let named = job.approval?.approvers ?? []
        guard let approver = config.approver(context.user), named.isEmpty || named.contains(context.user) else {
            let names = (named.isEmpty ? config.approvers.map(\.user) : named).joined(separator: ", ")
            let whose = named.isEmpty ? "in jimu.yaml" : "of \(job.id)"
            throw ApprovalRefused("\(context.user) is not an approver \(whose) (approvers: \(names)); \(kind.label) is left to them")
        }
        return approver
    }

    /// A new 振込指定日 is a bank business day the bank can still be given a file for.
    private func checkRedating(to date: LocalDate) throws {
        let lead = context.project.leadBusinessDays
        let earliest = BusinessCalendar.bank.adding(businessDays: lead, to: context.businessDate)
        guard BusinessCalendar.bank.isBusinessDay(date) else {
            throw ApprovalRefused("--redate \(date.iso) is not a bank business day (weekend, holiday or 12/31–1/3)")
        }
        guard date >= earliest else {
            throw ApprovalRefused("--redate \(date.iso) is too soon: the bank takes a 総合振込 \(lead) bank business day(s) ahead, so the earliest is \(earliest.iso)")
        }
        let days = date.daysSinceEpoch - context.businessDate.daysSinceEpoch
        let most = context.project.maxDaysAhead
        guard days <= most else {
            throw ApprovalRefused("--redate \(date.iso) is \(days) days ahead, more than max_days_ahead (\(most)) in jimu.yaml: a typo?")
        }
    }

    private func move(_ job: Job, _ request: Request, kind: RunKind, _ decide: (Order) -> Step) throws -> Result {
        guard request.selection.namesSome else {
            throw ApprovalRefused("name the orders: --number N (or N-M), --run ID or --payment-date YYYY-MM-DD")
        }
        var selection = request.selection
        if kind == .approve, selection.numbers.isEmpty { selection.states = [.pending] }
        // A cancellation writes the job's 取消 outputs (a register of cancelled orders), if it has any.
        return try OrderRun(context: context, job: job, kind: kind).perform(writing: kind == .cancel ? .cancelled : nil) { pass in
            // Numbers typed by hand: first, which exist, and in one fiscal year only.
            var found = Set<Int>(), years = Set<Int>()
            if !selection.numbers.isEmpty {
                try pass.ledger.eachOrder(selection) { order in
                    found.insert(order.number.number)
                    years.insert(order.number.fiscalYear)
                }
                if selection.fiscalYear == nil, years.count > 1 {
                    throw ApprovalRefused("these numbers exist in \(years.sorted().map(Wareki.fiscalYear).joined(separator: ", ")): name the year with --fiscal-year")
                }
            }
            for number in Self.missing(request.selection, among: found) {
                pass.counts.input += 1
                var at = "\(selection.sequence) \(IssueRules.padded(number, to: pass.digits))"
                if let year = selection.fiscalYear { at += " (\(Wareki.fiscalYear(year)))" }
                try pass.refuse(at, "there is no such order under approval (see 'jimu show orders')")
            }
            var drawings: [String: [String: (amount: Int, records: Int)]] = [:]
            try pass.ledger.eachOrder(selection) { order in
                pass.counts.input += 1
                let at = order.number.text(digits: pass.digits)
                switch decide(order) {
                case .refused(let reason):
                    try pass.refuse(at, reason)
                case .unchanged(let reason):
                    pass.counts.skipped += 1
                    pass.lines.append("\(at): \(reason)")
                case .move(let state):
                    let date = kind == .approve ? request.paymentDate?.iso : nil
                    try pass.ledger.move(order.number, OrderChange(
                        state, by: context.user, on: pass.start.asOf, paymentDate: date, note: request.note, reference: request.reference),
                        run: pass.run)
                    if state == .cancelled {
                        if let reason = try pass.write(order, on: nil) {
                            throw ApprovalRefused("\(at) cannot be written into the job's 取消 outputs: \(reason); nothing was cancelled")
                        }
                        try pass.ledger.release(job: order.keyScope, key: order.key, run: order.run)
                        if let drawing = order.drawing {
                            drawings[drawing.balance, default: [:]][drawing.account, default: (0, 0)].amount -= drawing.amount
                            drawings[drawing.balance, default: [:]][drawing.account, default: (0, 0)].records -= 1
                        }
                    }
                    pass.counts.issued += 1
                    var line = "\(at): \(order.state.label) → \(state.label)"
                    if let date { line += ", 振込指定日 \(order.paymentDate ?? "-") → \(date)" }
                    pass.lines.append(line)
                }
            }
            for (balance, amounts) in drawings.sorted(by: { $0.key < $1.key }) {
                try pass.ledger.recordDrawdowns(run: pass.run, balance: balance, amounts)
            }
        }
    }

    /// The numbers a selection names that no order has (single numbers and short ranges only).
    private static func missing(_ selection: OrderSelection, among found: Set<Int>) -> [Int] {
        guard selection.run == nil, selection.paymentDate == nil else { return [] }
        return selection.numbers.filter { $0.count <= 1000 }.flatMap { $0.filter { !found.contains($0) } }
    }
}

/// The lines a command prints about its orders: every refusal, and the first few hundred of the
/// others (a release of a year's orders does not print a line each), then how many more.
struct OrderLines {
    private(set) var lines: [String] = []
    private var more = 0
    static let shown = 500

    mutating func append(_ line: String, always: Bool = false) {
        if always || lines.count < Self.shown { lines.append(line) } else { more += 1 }
    }

    var all: [String] {
        more == 0 ? lines : lines + ["… and \(more) more (see 'jimu show orders')"]
    }
}

/// A command about orders that may not be done: who asks, or what it names (exit 77).
public struct ApprovalRefused: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "error: \(message)" }
}
