import Yams

/// How a record field is formed from an input column.
public struct FieldSpec: Sendable {
    /// The field's name, used in keys, validations, layouts and templates.
    public var name: String
    /// The column it comes from: a column of the main input, or `<input>.<column>` of a joined one.
    /// Empty for a computed field.
    public var column: String
    /// A computed field: a template of other fields (and run values), read as `type`.
    public var value: TextTemplate?
    /// For dates: move a date that is not a business day to the next or previous one.
    public var businessDay: BusinessDayMove?
    /// For dates: add this many business days (a reply deadline).
    public var addBusinessDays = 0
    /// The calendar of `business_day` and `add_business_days`.
    public var calendar: CalendarName = .bank
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

    /// Values put in place of the column's text (a 税目 to the 地方税法 clause its inquiries cite);
    /// a text with no entry rejects the record.
    public var map: [String: String]?
    /// With `map`, the column holds several values separated by any of these characters; each is
    /// mapped and the results joined with the first.
    public var split: String?

    static let keys = ["column", "value", "type", "personal", "business_day", "add_business_days", "calendar", "map", "split"]

    /// Reads `name: column` or `name: { column:, type:, personal: }`.
    static func read(name: String, _ node: Node, at path: KeyPath, reader: SpecReader) -> FieldSpec? {
        if case .scalar = node {
            guard let column = reader.string(node, at: path) else { return nil }
            return FieldSpec(name: name, column: column, keyPath: path)
        }
        guard let map = reader.mapping(node, at: path, allowed: keys) else { return nil }
        let column = map["column"].flatMap { reader.string($0, at: map.path("column")) }
        let value = map["value"].flatMap { reader.template($0, at: map.path("value")) }
        guard (column == nil) != (value == nil) else {
            reader.error("a field needs either 'column' (an input column) or 'value' (a template of other fields)", at: path, node: node)
            return nil
        }
        let type = map["type"].flatMap { reader.choice($0, at: map.path("type"), as: FieldType.self, what: "type") } ?? .text
        let personal = map["personal"].flatMap { reader.bool($0, at: map.path("personal")) } ?? false
        var field = FieldSpec(name: name, column: column ?? "", type: type, personal: personal, keyPath: path)
        field.value = value
        field.businessDay = map["business_day"].flatMap {
            reader.choice($0, at: map.path("business_day"), as: BusinessDayMove.self, what: "business_day")
        }
        field.addBusinessDays = map["add_business_days"].flatMap { reader.int($0, at: map.path("add_business_days"), in: 0...366) } ?? 0
        field.calendar = map["calendar"].flatMap { reader.choice($0, at: map.path("calendar"), as: CalendarName.self, what: "calendar") } ?? .bank
        if let node = map["map"] {
            field.map = Dictionary(
                reader.entries(node, at: map.path("map")).compactMap { entry in
                    reader.string(entry.value, at: entry.path).map { (entry.key, $0) }
                }, uniquingKeysWith: { $1 })
        }
        field.split = map["split"].flatMap { reader.string($0, at: map.path("split")) }
        if field.split != nil && field.map == nil || field.split == "" {
            reader.error("'split' gives the separators of the values 'map' translates; add 'map'", at: map.path("split"), node: node)
        }
        if type != .date, field.businessDay != nil || field.addBusinessDays > 0 {
            reader.error("'business_day' and 'add_business_days' apply to 'type: date' fields", at: path, node: node)
        }
        return field
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
    /// A fiscal year (会計年度): `2026`, `R8`, `令和8年度`, `令和元年度`, `平成31年度`; the year it starts in.
    case fiscalYear = "fiscal_year"
}

/// Where a date that is not a business day moves.
public enum BusinessDayMove: String, Sendable, CaseIterable {
    /// To the next business day.
    case next
    /// To the previous business day.
    case previous
    /// Nowhere: the record is rejected.
    case reject
}

/// The business calendars of Japan a date field may use.
public enum CalendarName: String, Sendable, CaseIterable {
    /// Banks: weekends, national holidays and 12/31–1/3 closed (銀行法施行令).
    case bank
    /// Public offices: weekends, national holidays and 12/29–1/3 closed (行政機関の休日に関する法律).
    case office
}
