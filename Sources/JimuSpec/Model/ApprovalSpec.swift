import Yams

/// A job whose documents are approved before money moves (`approval:` in the job file).
///
/// ```yaml
/// approval:
///   required: true          # orders are 起票済 (pending) when issued; their 全銀 transfers wait
///   approvers: [kaikei]     # optional: only these approvers of jimu.yaml approve this job's orders
///   release:                # optional: `jimu tick` releases approved transfers on this schedule
///     cron: "0 9 * * *"
///     business_days_only: true
/// ```
///
/// An issued order then waits for `jimu approve` (by someone other than who issued it), and only
/// `jimu release` writes its transfer into a 全銀 file, a few bank business days before its date.
public struct ApprovalSpec: Sendable {
    /// Whether the job's orders need approval.
    public var required: Bool
    /// When `jimu tick` releases approved transfers; nil for releases by hand only.
    public var release: ScheduleSpec?
    /// The approvers of `jimu.yaml` (by user) who approve this job's orders; empty for all of them.
    public var approvers: [String] = []
    /// Where it is declared.
    public var keyPath: KeyPath

    /// What outputs may print besides record fields (the 決裁欄 of a 支出命令書): who approved an
    /// order, with their title, the 決裁日, the 決裁番号 and the comment, who issued it, and who
    /// cancelled it and why (a 取消 register). Filled in
    /// the outputs `jimu release` writes; empty in those of a run (and of a job without approval,
    /// so that one form serves both).
    public static let values = [
        "approved_by", "approved_by_title", "approved_on", "approval_reference", "approval_comment", "issued_by", "cancelled_by",
        "cancel_reason",
    ]

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ApprovalSpec? {
        guard let node else { return nil }
        guard let map = reader.mapping(node, at: path, allowed: ["required", "release", "approvers"], required: ["required"]),
              let required = reader.bool(map["required"], at: map.path("required"))
        else { return nil }
        var release = ScheduleSpec.read(map["release"], at: map.path("release"), reader: reader)
        release?.keyPath = map.path("release")
        var spec = ApprovalSpec(required: required, release: release, keyPath: path)
        spec.approvers = reader.list(map["approvers"], at: map.path("approvers")).compactMap { reader.string($0.node, at: $0.path) }
        return spec
    }
}

/// Who approves and how transfers are released (`approval:` in `jimu.yaml`).
///
/// ```yaml
/// approval:
///   approvers:                                 # who may approve and cancel (OS users; through
///     - { user: suzuki, name: 鈴木 一郎, title: 会計管理者 }   # sudo, the user sudo names)
///   release_business_days: 2                   # transfers go to the bank up to this many bank
///                                              # business days before their date
///   transfer_key: .jimu/transfer.key           # seals the pending transfers in the ledger
/// ```
public struct ApprovalConfig: Sendable, Equatable {
    /// One person who may approve.
    public struct Approver: Sendable, Equatable {
        /// The OS user name.
        public var user: String
        /// The name printed in the 決裁欄.
        public var name: String
        /// The title (会計管理者, 会計課長).
        public var title: String?

        public init(user: String, name: String, title: String? = nil) {
            (self.user, self.name, self.title) = (user, name, title)
        }
    }

    /// Who may approve and cancel.
    public var approvers: [Approver] = []
    /// How many bank business days before its date a transfer may be released (at least the
    /// bank's `min_lead_business_days`).
    public var releaseBusinessDays = 2
    /// The key file sealing pending transfers, relative to the root or absolute.
    public var transferKey = ".jimu/transfer.key"

    public init() {}

    /// The approver with an OS user name.
    public func approver(_ user: String) -> Approver? {
        approvers.first { $0.user == user }
    }

    /// The approver a 電子決裁 system names: by user, or by name whatever spaces it is written with.
    public func approver(named text: String) -> Approver? {
        let bare = { (name: String) in name.filter { !$0.isWhitespace } }
        return approver(text) ?? approvers.first { bare($0.name) == bare(text) }
    }

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ApprovalConfig? {
        guard let node else { return nil }
        guard let map = reader.mapping(node, at: path, allowed: ["approvers", "release_business_days", "transfer_key"], required: ["approvers"])
        else { return nil }
        var config = ApprovalConfig()
        for (item, itemPath) in reader.list(map["approvers"], at: map.path("approvers")) {
            guard let person = reader.mapping(item, at: itemPath, allowed: ["user", "name", "title"], required: ["user", "name"]),
                  let user = reader.string(person["user"], at: person.path("user")),
                  let name = reader.string(person["name"], at: person.path("name"))
            else { continue }
            if config.approver(user) != nil { reader.error("approver '\(user)' is listed twice", at: person.path("user")) }
            config.approvers.append(Approver(user: user, name: name, title: person["title"].flatMap { reader.string($0, at: person.path("title")) }))
        }
        if config.approvers.isEmpty { reader.error("list at least one approver", at: map.path("approvers")) }
        if let days = map["release_business_days"].flatMap({ reader.int($0, at: map.path("release_business_days"), in: 1...20) }) {
            config.releaseBusinessDays = days
        }
        config.transferKey = map["transfer_key"].flatMap { reader.string($0, at: map.path("transfer_key")) } ?? config.transferKey
        return config
    }
}

/// A job whose records are approvals from the city's 電子決裁 / 文書管理 system (`records.approves:`):
/// each record approves one order under approval instead of issuing a document. An unknown,
/// cancelled or released number, a 決裁者 who is not an approver of `jimu.yaml`, or one who issued
/// the order, rejects the record with the reason (fix and replay it like any reject).
///
/// ```yaml
/// records:
///   approves:
///     sequence: 支出命令番号     # the orders' number sequence
///     number: order_no          # the field holding the 支出命令番号
///     fiscal_year: fiscal_year  # optional: a type: fiscal_year field, when numbers repeat across years
///     approver: approver        # the 決裁者: an approver's user or name in jimu.yaml
///     reference: decision_no    # optional: the 決裁番号, kept with the approval
///     date: decided_on          # optional: the 決裁日, kept with the approval
/// ```
public struct ApprovesSpec: Sendable {
    public var sequence: String
    public var number: String
    public var fiscalYear: String?
    public var approver: String
    public var reference: String?
    public var date: String?
    public var keyPath: KeyPath

    /// The fields it names, with their keys.
    public var fieldsUsed: [(key: String, field: String)] {
        [("number", number), ("approver", approver)] + [("fiscal_year", fiscalYear), ("reference", reference), ("date", date)]
            .compactMap { key, field in field.map { (key, $0) } }
    }

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ApprovesSpec? {
        guard let node else { return nil }
        let keys = ["sequence", "number", "fiscal_year", "approver", "reference", "date"]
        guard let map = reader.mapping(node, at: path, allowed: keys, required: ["sequence", "number", "approver"]),
              let sequence = reader.string(map["sequence"], at: map.path("sequence")),
              let number = reader.string(map["number"], at: map.path("number")),
              let approver = reader.string(map["approver"], at: map.path("approver"))
        else { return nil }
        let optional = { (key: String) in map[key].flatMap { reader.string($0, at: map.path(key)) } }
        return ApprovesSpec(
            sequence: sequence, number: number, fiscalYear: optional("fiscal_year"), approver: approver, reference: optional("reference"),
            date: optional("date"), keyPath: path)
    }
}
