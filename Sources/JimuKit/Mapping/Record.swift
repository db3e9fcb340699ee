import JimuSpec

/// One unit of work after mapping: typed fields, where it came from, and its key.
struct Record: Sendable {
    /// The field names, shared by all records of a run.
    let schema: RecordSchema
    /// Values in schema order.
    var values: [FieldValue]
    /// Where the record came from.
    var location: RecordLocation
    /// The idempotency key, once computed.
    var key: String = ""
    /// The row of each join's table the record was formed with (nil: an optional join found none).
    /// Fields read from a row are the same for every record formed with it, so what is worked out
    /// from them alone (a CSV cell, the account part of a 全銀 record) can be kept per row.
    var joinedRows: [Int?] = []

    /// The value of a field, nil when the record has no such field.
    subscript(name: String) -> FieldValue? {
        schema.index[name].map { values[$0] }
    }

    /// A text with every value of the record's personal fields in it masked (`山***`): the net
    /// under messages that quote a value, for logs, the ledger and notices.
    func maskingPersonal(in text: String) -> String {
        var masked = text
        for index in values.indices where schema.personal[index] {
            let value = values[index].text
            // The standard library's replacing, not Foundation's: that one traps on text with NUL
            // in it (found by the template fuzzer).
            if !value.isEmpty { masked = masked.replacing(value, with: Masking.mask(value)) }
        }
        return masked
    }
}

/// Things (fields, CSV cells, checks) grouped by the join whose row alone they depend on: each
/// join's members in order, and each thing's place among its join's members.
struct JoinGroups: Sendable {
    /// Per join, the things that depend on its row alone.
    let members: [[Int]]
    /// Each thing's place among its join's members (0 for things of no join).
    let places: [Int]

    /// - Parameters:
    ///   - joins: the join each thing depends on alone, nil for none.
    ///   - count: the number of joins, when some may have no members.
    init(_ joins: [Int?], count: Int? = nil) {
        var members = Array(repeating: [Int](), count: count ?? (joins.compactMap { $0 }.max() ?? -1) + 1)
        var places = Array(repeating: 0, count: joins.count)
        for (index, join) in joins.enumerated() {
            guard let join else { continue }
            places[index] = members[join].count
            members[join].append(index)
        }
        (self.members, self.places) = (members, places)
    }
}

/// The fields records of a job have, with their types and whether they hold personal data.
final class RecordSchema: Sendable {
    /// Names in order.
    let names: [String]
    /// Types in order.
    let types: [FieldType]
    /// Personal-data flags in order.
    let personal: [Bool]
    /// Name → position.
    let index: [String: Int]
    /// The join each field is read from, in order (nil: the main input, a computed or a late field).
    let joins: [Int?]

    /// The field that collects the failures of `severity: warning` checks.
    static let warningsField = RecordSpec.warningsField

    /// Creates a schema.
    init(names: [String], types: [FieldType], personal: [Bool], joins: [Int?] = []) {
        self.names = names
        self.types = types
        self.personal = personal
        self.joins = joins + repeatElement(nil, count: max(names.count - joins.count, 0))
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The join whose row alone gives all these fields, nil when they come from none or several
    /// (the main input, a computed field, two joins): the one rule for what `RowMemo` may keep.
    func join(of fields: some Sequence<Int>) -> Int? {
        var found: Int??
        for field in fields {
            guard let join = joins[field], found == nil || found! == join else { return nil }
            found = join
        }
        return found ?? nil
    }
}
