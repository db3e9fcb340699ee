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
    public var validations: [(field: String, rules: [ValidationRule], keyPath: KeyPath)]
    /// The key that makes issuing idempotent, e.g. `{{invoice_id}}:{{supplier}}`.
    public var key: TextTemplate
    /// Where the section is declared.
    public var keyPath: KeyPath

    static let keys = ["from", "join", "fields", "validate", "key"]

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
            return (field: entry.key, rules: rules, keyPath: entry.path)
        }
        guard let from, let key else { return nil }
        return RecordSpec(from: from, joins: joins, fields: fields, validations: validations, key: key, keyPath: path)
    }
}

/// A lookup table joined to each record by a column.
public struct JoinSpec: Sendable {
    /// The input used as the lookup table; it must declare a `key`.
    public var input: String
    /// The column of the record (or of an earlier join, `<input>.<column>`) matched against the table's key.
    public var on: String
    /// When true a missing match leaves the joined columns empty instead of rejecting the record.
    public var optional: Bool
    /// Where the join is declared.
    public var keyPath: KeyPath

    static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> JoinSpec? {
        guard let map = reader.mapping(node, at: path, allowed: ["input", "on", "optional"], required: ["input", "on"]),
              let input = reader.string(map["input"], at: map.path("input")),
              let on = reader.string(map["on"], at: map.path("on"))
        else { return nil }
        let optional = map["optional"].flatMap { reader.bool($0, at: map.path("optional")) } ?? false
        return JoinSpec(input: input, on: on, optional: optional, keyPath: path)
    }
}
