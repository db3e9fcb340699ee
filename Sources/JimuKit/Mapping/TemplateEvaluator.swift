import JimuSpec

/// Renders a `TextTemplate` for one record: field values and run values, through transforms.
///
/// Field positions are resolved once, so rendering a key or a CSV cell costs no dictionary lookup.
struct TemplateEvaluator: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case field(Int, transform: Transform?)
        case run(String)
        case key
    }

    private let pieces: [Piece]
    private let escape: (@Sendable (String) -> String)?

    /// Compiles a template against a schema and the run's values; unknown names render empty
    /// (the job checker has already reported them).
    /// - Parameter escape: applied to every substituted value (e.g. to keep `/` out of paths).
    init(
        _ template: TextTemplate, schema: RecordSchema?, run: RunValues,
        escape: (@Sendable (String) -> String)? = nil
    ) {
        self.escape = escape
        pieces = template.parts.map { part in
            switch part {
            case .literal(let text): return .literal(text)
            case .field(let name, let transform):
                if let index = schema?.index[name] { return .field(index, transform: transform.flatMap(Transform.init(rawValue:))) }
                if name == "key", schema != nil { return .key }
                let value = run[name] ?? ""
                let text = transform.map { Transforms.apply($0, to: .text(value)) } ?? value
                return .run(escape?(text) ?? text)
            }
        }
    }

    /// The record fields the template shows.
    var fields: [Int] {
        pieces.compactMap { if case .field(let index, _) = $0 { index } else { nil } }
    }

    /// What the text depends on, so how long it may be kept: the run (no field, no key), one
    /// joined row (fields of one join only), or the record.
    func dependence(in schema: RecordSchema) -> Dependence {
        guard !pieces.contains(where: { if case .key = $0 { true } else { false } }) else { return .record }
        if fields.isEmpty { return .run }
        return schema.join(of: fields).map { .join($0) } ?? .record
    }

    /// See `dependence(in:)`.
    enum Dependence: Sendable, Equatable {
        case run
        case join(Int)
        case record
    }

    /// The text for a record (or for no record, with run values only).
    func render(_ record: Record?) -> String {
        if escape == nil, pieces.count == 1, case .field(let index, nil) = pieces[0], let record {
            return record.values[index].text
        }
        return render(record?.values, key: record?.key)
    }

    /// The text for the first fields of a record being formed (later fields read as empty).
    func render(fields: [FieldValue]) -> String {
        render(fields, key: nil)
    }

    private func render(_ values: [FieldValue]?, key: String?) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .run(let value): text += value
            case .key: text += escape?(key ?? "") ?? key ?? ""
            case .field(let index, let transform):
                guard let values else { continue }
                let value = index < values.count ? values[index] : .empty
                let rendered = transform.map { $0.apply(to: value) } ?? value.text
                text += escape?(rendered) ?? rendered
            }
        }
        return text
    }

    /// Appends the text for a record as UTF-8, as `render(_:)` gives it, without building the
    /// whole text first.
    func appendUTF8(of record: Record, to bytes: inout [UInt8]) {
        guard escape == nil else {
            bytes.appendUTF8(render(record))
            return
        }
        for piece in pieces {
            switch piece {
            case .literal(let literal): bytes.appendUTF8(literal)
            case .run(let value): bytes.appendUTF8(value)
            case .key: bytes.appendUTF8(record.key)
            case .field(let index, let transform?): bytes.appendUTF8(transform.apply(to: record.values[index]))
            case .field(let index, nil): bytes.appendUTF8(record.values[index].text)
            }
        }
    }
}

/// A transform of `{{transform(field)}}`, shared by text templates and Mustache templates.
enum Transform: String, Sendable, CaseIterable {
    case iso, yyyymmdd, slash, wareki, wareki_short, fiscal_year, comma, yen, nendo, deposit_type, upper, number, mask

    /// Applies the transform; one that does not fit the value leaves its text as is.
    func apply(to value: FieldValue) -> String {
        if case .text(let text) = value, isDate, let date = try? DateParser.parse(text) {
            return apply(to: .date(date))
        }
        return switch (self, value) {
        case (.iso, .date(let date)): date.iso
        case (.yyyymmdd, .date(let date)): date.compact
        case (.slash, .date(let date)): date.slashed
        case (.wareki, .date(let date)): Wareki.long(date)
        case (.wareki_short, .date(let date)): Wareki.short(date)
        case (.fiscal_year, .date(let date)): String(date.fiscalYear)
        case (.comma, .integer(let number)): Transforms.grouped(number)
        case (.yen, .integer(let number)): "￥" + Transforms.grouped(number)
        case (.nendo, .integer(let year)): Wareki.fiscalYear(year)
        case (.deposit_type, _): Transforms.depositTypes[value.text] ?? value.text
        case (.upper, _): value.text.uppercased()
        case (.number, _): Transforms.withoutLeadingZeros(value.text)
        case (.mask, _): value.isEmpty ? "" : Masking.mask(value.text)
        default: value.text
        }
    }

    /// Transforms of dates, which also apply to text such as the run value `run_date`.
    private var isDate: Bool {
        switch self {
        case .iso, .yyyymmdd, .slash, .wareki, .wareki_short, .fiscal_year: true
        default: false
        }
    }
}

/// Transforms by name, and the helpers behind them.
enum Transforms {
    /// Applies a named transform; an unknown name leaves the value's text as is.
    static func apply(_ name: String, to value: FieldValue) -> String {
        Transform(rawValue: name)?.apply(to: value) ?? value.text
    }

    /// `000123` as `123`, `000` as `0`; text that is not ASCII is left as is.
    static func withoutLeadingZeros(_ text: String) -> String {
        guard text.allSatisfy(\.isASCII) else { return text }
        let rest = text.drop { $0 == "0" }
        return rest.isEmpty ? "0" : String(rest)
    }

    /// 預金種目 codes of the 全銀 format.
    static let depositTypes = ["1": "普通", "2": "当座", "4": "貯蓄", "9": "その他"]

    /// `1234567` → `1,234,567`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
