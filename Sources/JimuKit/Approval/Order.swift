#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where a payment order under approval stands. States only move forward:
/// 起票 (`pending`) → 決裁 (`approved`) → 送信 (`released`), or from either of the first two → 取消
/// (`cancelled`).
public enum OrderState: String, Sendable, CaseIterable, Codable {
    /// 起票済: issued, waiting for approval; its transfer is held.
    case pending
    /// 決裁済: approved; its transfer goes to the bank with the next release in its window.
    case approved
    /// 取消: cancelled before release; its key and balance were given back, its number stays used.
    case cancelled
    /// 送信済: its transfer is in a 全銀 file.
    case released

    /// The Japanese name printed for clerks.
    public var label: String {
        switch self {
        case .pending: "起票済"
        case .approved: "決裁済"
        case .cancelled: "取消"
        case .released: "送信済"
        }
    }
}

/// A document number: 支出命令番号 000123 of 令和8年度.
public struct OrderNumber: Sendable, Hashable, Comparable, Codable {
    public var sequence: String
    public var fiscalYear: Int
    public var number: Int

    public init(sequence: String, fiscalYear: Int, number: Int) {
        (self.sequence, self.fiscalYear, self.number) = (sequence, fiscalYear, number)
    }

    public static func < (lhs: OrderNumber, rhs: OrderNumber) -> Bool {
        (lhs.sequence, lhs.fiscalYear, lhs.number) < (rhs.sequence, rhs.fiscalYear, rhs.number)
    }

    /// `支出命令番号 000123 (令和8年度)`, with the job's digits.
    public func text(digits: Int) -> String {
        "\(sequence) \(IssueRules.padded(number, to: digits)) (\(Wareki.fiscalYear(fiscalYear)))"
    }
}

/// An order issued under approval, as the issuing run records it.
public struct HeldOrder: Sendable {
    var number: OrderNumber
    var key: String
    /// The 振込指定日 it was issued with (ISO), nil for a job without transfers.
    var paymentDate: String?
    var amount: Int
    /// Its 全銀 transfer, sealed (`TransferSeal`); nil for a job without transfers.
    var transfer: [UInt8]?
    /// What it drew on a balance (a 支出負担行為), given back when it is cancelled.
    var drawing: Drawing?
}

/// What an order drew on a balance: its name, the account (負担行為番号) and the amount.
public struct Drawing: Sendable, Equatable {
    public var balance: String
    public var account: String
    public var amount: Int
}

/// An order as the ledger has it now.
public struct Order: Sendable, Equatable {
    public var number: OrderNumber
    /// The key it was issued for, and the key scope.
    public var key: String
    public var keyScope: String
    /// The run that issued it, that run's job and business date, and who ran it.
    public var run: Int64
    public var job: String
    /// The job file of that run, as named.
    public var jobFile: String
    public var issuedOn: String
    public var issuedBy: String
    /// The 振込指定日 now (after a re-dating approval), ISO.
    public var paymentDate: String?
    public var amount: Int
    public var state: OrderState
    /// The sealed transfer.
    var transfer: [UInt8]?
    /// What it drew on a balance.
    public var drawing: Drawing?
}

/// Which orders a command names: numbers of one sequence (and fiscal year), a run, a payment date.
public struct OrderSelection: Sendable {
    public var sequence: String
    public var fiscalYear: Int?
    /// Number ranges; empty for any number.
    public var numbers: [ClosedRange<Int>] = []
    /// Orders issued by this run.
    public var run: Int64?
    /// Orders paid on this date (ISO).
    public var paymentDate: String?
    /// Orders issued by runs of this job.
    public var job: String?
    /// Orders in these states; empty for any.
    public var states: [OrderState] = []
    /// Only orders after this one (fiscal year, number), and at most `limit` of them: a page.
    var after: (fiscalYear: Int, number: Int)?
    var limit: Int?

    public init(sequence: String) {
        self.sequence = sequence
    }

    /// Whether it names orders at all (a command without numbers, run or date names none).
    public var namesSome: Bool { !numbers.isEmpty || run != nil || paymentDate != nil }
}

/// A state change of an order, as a command makes it.
public struct OrderChange: Sendable, Equatable {
    public var state: OrderState
    /// Who decided it: the person running Jimu, or the 決裁者 of an e-approval system.
    public var actor: String
    /// The day it was decided (the 決裁日), ISO.
    public var decidedOn: String
    /// A new 振込指定日.
    public var paymentDate: String?
    /// The comment or reason.
    public var note: String?
    /// The 決裁番号 of an e-approval system.
    public var reference: String?

    public init(
        _ state: OrderState, by actor: String, on day: String, paymentDate: String? = nil, note: String? = nil, reference: String? = nil
    ) {
        (self.state, self.actor, decidedOn, self.paymentDate, self.note, self.reference) = (state, actor, day, paymentDate, note, reference)
    }
}

/// One step in an order's history, as `jimu show order` prints it.
public struct OrderEvent: Sendable, Equatable {
    public var state: OrderState
    /// The run (issue, approve, cancel or release) that made it, its job and kind.
    public var run: Int64
    public var kind: RunKind
    /// Who (the approver from an e-approval system, or the person running Jimu), where and when.
    public var actor: String
    public var host: String
    public var at: String
    /// The day it was decided (the 決裁日), ISO.
    public var decidedOn: String?
    /// The 振込指定日 it set (issue, a re-dating approval).
    public var paymentDate: String?
    /// The comment or reason.
    public var note: String?
    /// The 決裁番号 of an e-approval system.
    public var reference: String?

    public init(
        state: OrderState, run: Int64, kind: RunKind, actor: String, host: String, at: String, decidedOn: String?, paymentDate: String?,
        note: String? = nil, reference: String? = nil
    ) {
        (self.state, self.run, self.kind, self.actor, self.host, self.at) = (state, run, kind, actor, host, at)
        (self.decidedOn, self.paymentDate, self.note, self.reference) = (decidedOn, paymentDate, note, reference)
    }
}

/// What a run does: issue documents, or move orders along their lifecycle.
public enum RunKind: String, Sendable, Codable, CaseIterable {
    case issue, approve, cancel, release

    /// What became of the documents or orders it moved: issued, approved, cancelled, released.
    public var done: String {
        switch self {
        case .issue: "issued"
        case .approve: "approved"
        case .cancel: "cancelled"
        case .release: "released"
        }
    }

    /// The Japanese name.
    public var label: String {
        switch self {
        case .issue: "起票"
        case .approve: "決裁"
        case .cancel: "取消"
        case .release: "送信"
        }
    }
}

/// Who is acting: the OS user, or, when Jimu runs as a service user through `sudo -u jimu`, the
/// person sudo names (`SUDO_USER`), so that the ledger says who approved and four eyes can be
/// held. The service account must then not be one people log in to (README, 決裁).
public enum Person {
    /// The acting person's user name.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let os = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? String(geteuid())
        if let sudo = environment["SUDO_USER"], !sudo.isEmpty, sudo != os { return sudo }
        return os
    }
}
