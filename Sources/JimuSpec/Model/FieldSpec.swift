import Yams

/// How a record field is formed from an input column.
public struct FieldSpec: Sendable {
    /// The field's name, used in keys, validations, layouts and templates.
    public var name: String
    /// The column it comes from: a column of the main input, or `<input>.<column>` of a joined one.
    public var column: String
    /// How the text is read and normalised.
    public var type: FieldType
    /// Whether the value is personal data, masked in logs, the ledger and `jimu show`.
    public var personal: Bool
    /// Where the field is declared.
    public var keyPath: KeyPath

    /// Creates a field.
    public init(name: String, column: String, type: FieldType = .text, personal: Bool = false, keyPath: KeyPath) {
        self.name = name
        self.column = column
        self.type = type
        self.personal = personal
        self.keyPath = keyPath
    }

    static let keys = ["column", "type", "personal"]

    /// Reads `name: column` or `name: { column:, type:, personal: }`.
    static func read(name: String, _ node: Node, at path: KeyPath, reader: SpecReader) -> FieldSpec? {
        if case .scalar = node {
            guard let column = reader.string(node, at: path) else { return nil }
            return FieldSpec(name: name, column: column, keyPath: path)
        }
        guard let map = reader.mapping(node, at: path, allowed: keys, required: ["column"]),
              let column = reader.string(map["column"], at: map.path("column"))
        else { return nil }
        let type = map["type"].flatMap { reader.choice($0, at: map.path("type"), as: FieldType.self, what: "type") }
        let personal = map["personal"].flatMap { reader.bool($0, at: map.path("personal")) } ?? false
        return FieldSpec(name: name, column: column, type: type ?? .text, personal: personal, keyPath: path)
    }
}

/// How a field's text is read.
public enum FieldType: String, Sendable, CaseIterable {
    /// Text, trimmed of surrounding (also full-width) spaces.
    case text
    /// A code made of digits, leading zeros kept; full-width digits accepted.
    case digits
    /// A whole number; full-width digits, `,` and a leading `-` accepted.
    case integer
    /// Yen: like integer, also `￥`, `¥`, `円` and `,` accepted.
    case yen
    /// A calendar date: ISO, `2024/4/1`, `20240401`, 和暦 `令和6年4月1日`, `R6.4.1`, `令和元年`.
    case date
}
