/// What a run did, as printed by `jimu run --summary json` (one object per job).
public struct RunSummary: Sendable, Codable, Equatable {
    /// A written (or, in a dry run, would-be) file.
    public struct File: Sendable, Codable, Equatable {
        /// Path as shown to users.
        public var path: String
        /// SHA-256 of the content.
        public var sha256: String
        /// Size in bytes.
        public var size: Int
        /// `csv`, `html`, `text`, `rejects`.
        public var kind: String
        /// Records in it.
        public var records: Int
    }

    public var runID: Int64?
    public var job: String
    public var status: RunStatus
    public var dryRun: Bool
    public var asOf: String
    public var input: Int
    public var issued: Int
    public var rejected: Int
    /// Rejects that no earlier run of the job rejected (the same record, for the same rule).
    public var newRejects: Int
    public var skipped: Int
    public var outputs: [File]
    public var rejectsFile: String?
    public var savedMinutes: Double
    /// What the run did: issue documents, or approve, cancel or release orders.
    public var kind = RunKind.issue

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", job, status, dryRun = "dry_run", asOf = "as_of", input, issued, rejected
        case newRejects = "new_rejects", skipped
        case outputs, rejectsFile = "rejects_file", savedMinutes = "saved_minutes", kind
    }

    /// One line for people: `payment-orders: 12 read, 10 issued, 1 rejected, 1 skipped`; for
    /// orders, `payment-orders approve: 3 named, 2 approved, 1 refused, 0 unchanged`.
    public var line: String {
        guard kind == .issue else {
            var text = "\(job) \(kind.rawValue): \(input) named, \(issued) \(kind.done), \(rejected) refused, \(skipped) unchanged"
            if dryRun { text += " (dry run: nothing written)" }
            return text
        }
        var text = "\(job): \(input) read, \(issued) issued, \(rejected) rejected"
        if newRejects < rejected { text += " (\(newRejects == 0 ? "none" : "\(newRejects)") new)" }
        text += ", \(skipped) skipped"
        if dryRun { text += " (dry run: nothing written)" }
        if let rejectsFile { text += "; rejects in \(rejectsFile)" }
        return text
    }
}
