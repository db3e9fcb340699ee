import Foundation

/// A job file: what to read, how to form and check records, and what to produce.
public struct Job: Sendable {
    /// The highest job-file version this build understands.
    public static let supportedVersion = 1

    /// The job's id (`payment-orders`): lower-case letters, digits and `-`.
    public var id: String
    /// A human title, usually Japanese.
    public var title: String?
    /// When `jimu tick` runs the job; nil for jobs run by hand only.
    public var schedule: ScheduleSpec?
    /// Savings baselines, oldest first.
    public var savings: [SavingsBaseline]
    /// Inputs in declaration order.
    public var inputs: [InputSpec]
    /// How records are formed.
    public var records: RecordSpec
    /// Outputs in declaration order.
    public var outputs: [OutputSpec]
    /// Where rejected records go, relative to the output root.
    public var rejects: TextTemplate
    /// The job file as the user named it.
    public var file: String
    /// The job file's absolute location.
    public var url: URL
    /// Where each key path was written.
    public var sourceMap: SourceMap
    /// Whether issued orders wait for approval before their transfers are released.
    public var approval: ApprovalSpec? = nil

    /// Whether issued orders wait for `jimu approve` and their 全銀 transfers for `jimu release`.
    public var needsApproval: Bool { approval?.required == true }

    /// When an output is written: its `stage:` in a job under approval, where a 全銀 output is
    /// always released; with the run in any other job.
    public func stage(of output: OutputSpec) -> OutputSpec.Stage {
        guard needsApproval else { return .issued }
        return output.format == .zengin ? .released : output.stage
    }

    /// The namespace of the job's keys in the ledger.
    public var keyScope: String { records.keyScope ?? id }

    /// The field of a record's amount (the balance's, else the first 全銀 output's), named in a
    /// conflict's reason.
    public var fingerprintAmountField: String? {
        records.balance?.amount ?? outputs.lazy.compactMap { output -> String? in
            if case .zengin(let zengin) = output.options { zengin.amount } else { nil }
        }.first
    }

    /// The fields a key is issued with, sorted by name: `records.fingerprint`, or by default the
    /// money a record moves (the balance's account and amount, each 全銀 output's date, bank,
    /// branch, account and amount); none for a job that moves no money.
    public var fingerprintFields: [String] {
        if let fields = records.fingerprint { return Array(Set(fields)).sorted() }
        var fields = records.balance.map { [$0.account, $0.amount] } ?? []
        for output in outputs {
            if case .zengin(let zengin) = output.options {
                fields += zengin.fieldsUsed.map(\.field).filter { $0 != zengin.customerCode }
            }
        }
        return Array(Set(fields)).sorted()
    }

    /// The input with a name.
    public func input(named name: String) -> InputSpec? {
        inputs.first { $0.name == name }
    }

    /// The default place for rejects.
    public static let defaultRejects = "{{job}}/{{run_date}}/rejects-run{{run_id}}-{{input}}.csv"
}

/// Values every template can use besides record fields: one list for `jimu check`, computed
/// fields, keys, validation and every output.
public enum RunValue: String, CaseIterable, Sendable {
    /// The job's id.
    case job
    /// The run's number in the ledger.
    case run_id
    /// The business date of the run (2026-04-01).
    case run_date
    /// When the run started (073000).
    case run_time
    /// The fiscal year of the run date (2026).
    case fiscal_year
    /// The main input's name (in rejects paths).
    case input
    /// The organisation of `jimu.yaml`.
    case organisation
    /// The date of the order a document is about: the run date; in an output `jimu release`
    /// writes, the date of the run that issued the order (its 命令日).
    case order_date

    /// Every name, in order.
    public static let names = allCases.map(\.rawValue)

    /// Whether the value differs from one run to the next, so that a record key using it would
    /// never repeat (and nothing would ever be skipped as already issued).
    public var changesEveryRun: Bool { self == .run_id || self == .run_time }

    /// What templates of outputs may also use: the record's key.
    public static let key = "key"
}
