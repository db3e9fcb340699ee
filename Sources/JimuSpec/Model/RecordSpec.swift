import Yams

/// How records are formed from the inputs: the main input, joins, typed fields, checks and the key.
public struct RecordSpec: Sendable {
    /// The input whose rows (or XML records) become records.
    public var from: String
    /// Lookup tables joined to each record, in order.
    public var joins: [JoinSpec]
    /// The record's fields; when absent every column of `from` is a text field.
    public var fields: [FieldSpec]?
    /// Checks per field, in declaration order.
    public var validations: [(field: String, checks: [FieldCheck], keyPath: KeyPath)]
    /// The key that makes issuing idempotent, e.g. `{{invoice_id}}:{{supplier}}`.
    public var key: TextTemplate
    /// The namespace of keys: jobs with the same scope never issue the same key twice between
    /// them (an invoice read as XML by one job and as a CSV row by another); the job id by default.
    public var keyScope: String?
    /// The document number each issued record gets.
    public var number: NumberSpec?
    /// The balance each issued record draws on.
    public var balance: BalanceSpec?
    /// Where the section is declared.
    public var keyPath: KeyPath

    /// Whether some check only warns: records then have a `warnings` field.
    public var hasWarnings: Bool {
        validations.contains { $0.checks.contains { $0.severity == .warning } }
    }

    static let keys = ["from", "join", "fields", "validate", "key", "key_scope", "number", "balance"]

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
        let validations = reader.entries(map["validate"], at: map.path("validate")).map { entry in
            let rules = reader.list(entry.value, at: entry.path).compactMap {
                ValidationRule.read($0.node, at: $0.path, reader: reader)
            }
            return (field: entry.key, checks: rules, keyPath: entry.path)
        }
        guard let from, let key else { return nil }
        return RecordSpec(
            from: from, joins: joins, fields: fields, validations: validations, key: key,
            keyScope: map["key_scope"].flatMap { reader.string($0, at: map.path("key_scope")) },
            number: NumberSpec.read(map["number"], at: map.path("number"), reader: reader),
            balance: BalanceSpec.read(map["balance"], at: map.path("balance"), reader: reader), keyPath: path)
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
    /// Where the join is declared.
    public var keyPath: KeyPath

    static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> JoinSpec? {
        guard let map = reader.mapping(node, at: path, allowed: ["input", "on", "optional"], required: ["input", "on"]),
              let input = reader.string(map["input"], at: map.path("input")),
              case let on = reader.list(map["on"], at: map.path("on")).compactMap({ reader.string($0.node, at: $0.path) }),
              !on.isEmpty
        else { return nil }
        let optional = map["optional"].flatMap { reader.bool($0, at: map.path("optional")) } ?? false
        return JoinSpec(input: input, on: on, optional: optional, keyPath: path)
    }
}
