import Yams

/// How records are formed from the inputs: the main input, joins, typed fields, checks and the key.
public struct RecordSpec: Sendable {
    /// The input whose rows (or XML records) become records.
    public var from: String
    /// Lookup tables joined to each record, in order.
    public var joins: [JoinSpec]
    /// The record's fields; when absent every column of `from` is a text field.
    public var fields: [FieldSpec]?
    /// Which records the job is for, per field, like `validations`: a record failing one is
    /// skipped with the reason (a 滞納額 under the job's minimum), not rejected.
    public var selections: [(field: String, checks: [FieldCheck], keyPath: KeyPath)] = []
    /// Checks per field, in declaration order.
    public var validations: [(field: String, checks: [FieldCheck], keyPath: KeyPath)]
    /// The key that makes issuing idempotent, e.g. `{{invoice_id}}:{{supplier}}`.
    public var key: TextTemplate
    /// The namespace of keys: jobs with the same scope never issue the same key twice between
    /// them (an invoice read as XML by one job and as a CSV row by another); the job id by default.
    public var keyScope: String?
    /// Days after which a key may be issued again (a bank is asked about the same person again
    /// once 90 days have passed); keys never expire when nil.
    public var reissueAfterDays: Int?
    /// The document number each issued record gets.
    public var number: NumberSpec?
    /// The balance each issued record draws on.
    public var balance: BalanceSpec?
    /// The orders each record approves (a job of 電子決裁 results), instead of issuing a document.
    public var approves: ApprovesSpec?
    /// The fields whose values a key is issued with (`fingerprint:`): a record whose key was issued
    /// with other values is a conflict, rejected naming the earlier document; nil for the default
    /// (`Job.fingerprintFields`).
    public var fingerprint: [String]?
    /// The key of the document a record corrects or replaces, e.g. `{{corrected_id}}:{{supplier}}`
    /// from an invoice's `cac:BillingReference` (`replaces:`; empty for a record that replaces
    /// none): a correction of an issued document, and an original whose correction was issued, are
    /// rejected instead of both being paid.
    public var replaces: TextTemplate?
    /// Where the section is declared.
    public var keyPath: KeyPath

    /// The field that collects the failures of `severity: warning` checks.
    public static let warningsField = "warnings"

    /// Whether some check only warns: records then have a `warnings` field.
    public var hasWarnings: Bool {
        validations.contains { $0.checks.contains { $0.severity == .warning } }
    }

    static let keys = [
        "from", "join", "fields", "select", "validate", "key", "key_scope", "reissue_after_days", "number", "balance", "fingerprint",
        "replaces", "approves",
    ]

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> RecordSpec? {
        guard let map = reader.mapping(node, at: path, allowed: keys, required: ["from", "key"]) else { return nil }
        let from = reader.string(map["from"], at: map.path("from"))
        let key = reader.template(map["key"], at: map.path("key"))
        let joins = reader.list(map["join"], at: map.path("join")).compactMap {
            JoinSpec.read($0.node, at: $0.path, reader: reader)
        }
        let fields: [FieldSpec]? = map["fields"].map { node in
            reader.entries(node, at: map.path("fields")).compactMap {
                FieldSpec.read(name: $0.key, $0.value, at: $0.path, reader: reader)
            }
        }
        func checks(_ name: String) -> [(field: String, checks: [FieldCheck], keyPath: KeyPath)] {
            reader.entries(map[name], at: map.path(name)).map { entry in
                let rules = reader.list(entry.value, at: entry.path).compactMap {
                    ValidationRule.read($0.node, at: $0.path, reader: reader)
                }
                return (field: entry.key, checks: rules, keyPath: entry.path)
            }
        }
        let reissue = map["reissue_after_days"].flatMap { reader.int($0, at: map.path("reissue_after_days")) }
        if let reissue, reissue < 1 {
            reader.error("reissue_after_days must be at least 1", at: map.path("reissue_after_days"), node: map["reissue_after_days"])
        }
        guard let from, let key else { return nil }
        var spec = RecordSpec(
            from: from, joins: joins, fields: fields, selections: checks("select"), validations: checks("validate"), key: key,
            keyScope: map["key_scope"].flatMap { reader.string($0, at: map.path("key_scope")) }, reissueAfterDays: reissue,
            number: NumberSpec.read(map["number"], at: map.path("number"), reader: reader),
            balance: BalanceSpec.read(map["balance"], at: map.path("balance"), reader: reader), keyPath: path)
        spec.fingerprint = map["fingerprint"].map { node in
            reader.list(node, at: map.path("fingerprint")).compactMap { reader.string($0.node, at: $0.path) }
        }
        spec.replaces = map["replaces"].flatMap { reader.template($0, at: map.path("replaces")) }
        spec.approves = ApprovesSpec.read(map["approves"], at: map.path("approves"), reader: reader)
        return spec
    }
}

/// A lookup table joined to each record by a column.
public struct JoinSpec: Sendable {
    /// The input used as the lookup table; it must declare a `key`.
    public var input: String
    /// The columns of the record (or of an earlier join, `<input>.<column>`) matched against the
    /// table's key; several columns are joined with `:` (a bank master's `0005:123`).
    public var on: [String]
    /// When true a missing match leaves the joined columns empty instead of rejecting the record.
    public var optional: Bool
    /// When true the record is formed once per matching row (a person × each bank branch to
    /// ask), and rows with an empty key match every record (a standing list). Must be the first join.
    public var each = false
    /// Where the join is declared.
    public var keyPath: KeyPath

    static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> JoinSpec? {
        guard let map = reader.mapping(node, at: path, allowed: ["input", "on", "optional", "each"], required: ["input", "on"]),
              let input = reader.string(map["input"], at: map.path("input")),
              case let on = reader.list(map["on"], at: map.path("on")).compactMap({ reader.string($0.node, at: $0.path) }),
              !on.isEmpty
        else { return nil }
        let optional = map["optional"].flatMap { reader.bool($0, at: map.path("optional")) } ?? false
        let each = map["each"].flatMap { reader.bool($0, at: map.path("each")) } ?? false
        return JoinSpec(input: input, on: on, optional: optional, each: each, keyPath: path)
    }
}
