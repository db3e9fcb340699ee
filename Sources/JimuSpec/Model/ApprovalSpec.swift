import Yams

/// A job whose documents are approved before money moves (`approval:` in the job file).
///
/// ```yaml
/// approval:
///   required: true          # orders are 起票済 (pending) when issued; their 全銀 transfers wait
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
    /// Where it is declared.
    public var keyPath: KeyPath

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ApprovalSpec? {
        guard let node else { return nil }
        guard let map = reader.mapping(node, at: path, allowed: ["required", "release"], required: ["required"]),
              let required = reader.bool(map["required"], at: map.path("required"))
        else { return nil }
        var release = ScheduleSpec.read(map["release"], at: map.path("release"), reader: reader)
        release?.keyPath = map.path("release")
        return ApprovalSpec(required: required, release: release, keyPath: path)
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
