import JimuSpec

/// Renders a `TextTemplate` for one record: field values and run values, through transforms.
///
/// Field positions are resolved once, so rendering a key or a CSV cell costs no dictionary lookup.
public struct TemplateEvaluator: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case field(Int, transform: String?)
        case run(String)
        case key
    }

    private let pieces: [Piece]
    private let escape: (@Sendable (String) -> String)?

    /// Compiles a template against a schema and the run's values; unknown names render empty
    /// (the job checker has already reported them).
    /// - Parameter escape: applied to every substituted value (e.g. to keep `/` out of paths).
    public init(
        _ template: TextTemplate, schema: RecordSchema?, run: [String: String],
        escape: (@Sendable (String) -> String)? = nil
    ) {
        self.escape = escape
        pieces = template.parts.map { part in
            switch part {
            case .literal(let text): return .literal(text)
            case .field(let name, let transform):
                if let index = schema?.index[name] { return .field(index, transform: transform) }
                if name == "key", schema != nil { return .key }
                let value = run[name] ?? ""
                let text = transform.map { Transforms.apply($0, to: .text(value)) } ?? value
                return .run(escape?(text) ?? text)
            }
        }
    }

    /// The text for a record (or for no record, with run values only).
    public func render(_ record: Record?) -> String {
        if escape == nil, pieces.count == 1, case .field(let index, nil) = pieces[0], let record {
            return record.values[index].text
        }
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .run(let value): text += value
            case .key: text += escape?(record?.key ?? "") ?? record?.key ?? ""
            case .field(let index, let transform):
                guard let value = record?.values[index] else { continue }
                let rendered = transform.map { Transforms.apply($0, to: value) } ?? value.text
                text += escape?(rendered) ?? rendered
            }
        }
        return text
    }
}

/// The transforms of `{{transform(field)}}`, shared by text templates and Mustache templates.
public enum Transforms {
    /// Applies a named transform; a transform that does not fit the value leaves its text as is.
    public static func apply(_ name: String, to value: FieldValue) -> String {
        if case .text(let text) = value, dateTransforms.contains(name), let date = try? DateParser.parse(text) {
            return apply(name, to: .date(date))
        }
        return switch (name, value) {
        case ("iso", .date(let date)): date.iso
        case ("yyyymmdd", .date(let date)): date.compact
        case ("slash", .date(let date)): date.slashed
        case ("wareki", .date(let date)): Wareki.long(date)
        case ("wareki_short", .date(let date)): Wareki.short(date)
        case ("fiscal_year", .date(let date)): String(date.fiscalYear)
        case ("comma", .integer(let number)): grouped(number)
        case ("yen", .integer(let number)): "￥" + grouped(number)
        case ("nendo", .integer(let year)): Wareki.fiscalYear(year)
        case ("deposit_type", _): depositTypes[value.text] ?? value.text
        case ("upper", _): value.text.uppercased()
        case ("number", _): withoutLeadingZeros(value.text)
        case ("mask", _): value.isEmpty ? "" : Masking.mask(value.text)
        default: value.text
        }
    }

    /// `000123` as `123`, `000` as `0`; text that is not ASCII is left as is.
    private static func withoutLeadingZeros(_ text: String) -> String {
        guard text.allSatisfy(\.isASCII) else { return text }
        let rest = text.drop { $0 == "0" }
        return rest.isEmpty ? "0" : String(rest)
    }

    /// Transforms of dates, which also apply to run values such as `run_date`.
    private static let dateTransforms: Set<String> = ["iso", "yyyymmdd", "slash", "wareki", "wareki_short", "fiscal_year"]

    /// 預金種目 codes of the 全銀 format.
    private static let depositTypes = ["1": "普通", "2": "当座", "4": "貯蓄", "9": "その他"]

    /// `1234567` → `1,234,567`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
