import JimuSpec

/// One unit of work after mapping: typed fields, where it came from, and its key.
public struct Record: Sendable {
    /// The field names, shared by all records of a run.
    public let schema: RecordSchema
    /// Values in schema order.
    public var values: [FieldValue]
    /// Where the record came from.
    public var location: RecordLocation
    /// The idempotency key, once computed.
    public var key: String = ""

    /// The value of a field, nil when the record has no such field.
    public subscript(name: String) -> FieldValue? {
        schema.index[name].map { values[$0] }
    }
}

/// The fields records of a job have, with their types and whether they hold personal data.
public final class RecordSchema: Sendable {
    /// Names in order.
    public let names: [String]
    /// Types in order.
    public let types: [FieldType]
    /// Personal-data flags in order.
    public let personal: [Bool]
    /// Name → position.
    public let index: [String: Int]

    /// The field that collects the failures of `severity: warning` checks.
    public static let warningsField = "warnings"

    /// Creates a schema.
    public init(names: [String], types: [FieldType], personal: [Bool]) {
        self.names = names
        self.types = types
        self.personal = personal
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
