import Foundation

/// A small template for record keys, output paths and CSV cells: `{{field}}` or `{{transform(field)}}`.
///
/// The syntax is the subset of Mustache that swift-mustache's transforms use, so the same
/// `{{wareki(due)}}` works in a key, a path, a CSV column and an HTML template alike.
public struct TextTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a template.
    public enum Part: Sendable, Hashable {
        /// Text copied as is.
        case literal(String)
        /// A field's value, optionally passed through a named transform.
        case field(name: String, transform: String?)
    }

    /// What went wrong while parsing a template.
    public enum ParseError: Error, CustomStringConvertible {
        case unclosed(String)
        case empty(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unclosed(let text): "unclosed '{{' in template '\(text)'"
            case .empty(let text): "empty '{{}}' in template '\(text)'"
            case .malformed(let tag): "cannot read '{{\(tag)}}'; write '{{field}}' or '{{transform(field)}}'"
            }
        }
    }

    /// The names of the transforms a template may apply, with what each does.
    public static let transforms: [String: String] = [
        "iso": "date as 2026-04-01",
        "yyyymmdd": "date as 20260401",
        "slash": "date as 2026/04/01",
        "wareki": "date as 令和8年4月1日 (元年 for year 1)",
        "wareki_short": "date as R8.4.1",
        "fiscal_year": "the April–March fiscal year of a date, e.g. 2026",
        "comma": "number with digit grouping, e.g. 1,234,567",
        "yen": "amount as ￥1,234,567",
        "nendo": "a fiscal year as 令和8年度 (令和元年度 for 2019)",
        "deposit_type": "預金種目 code as its name: 1 普通, 2 当座, 4 貯蓄, 9 その他",
        "upper": "text in upper case",
        "number": "digits without their leading zeros, e.g. 000123 as 123",
        "mask": "personal value masked, e.g. 山***",
    ]

    /// The text the template was parsed from.
    public let source: String
    /// Literals and fields in order.
    public let parts: [Part]

    /// Parses `text`.
    /// - Throws: `ParseError` when a tag is unclosed, empty or malformed.
    public init(parsing text: String) throws {
        source = text
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw ParseError.unclosed(text) }
            let tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !tag.isEmpty else { throw ParseError.empty(text) }
            parts.append(try Self.parseTag(tag))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The field names the template reads, in order.
    public var fieldNames: [String] {
        parts.compactMap { if case .field(let name, _) = $0 { name } else { nil } }
    }

    /// The transforms the template applies, in order.
    public var transformNames: [String] {
        parts.compactMap { if case .field(_, let transform?) = $0 { transform } else { nil } }
    }

    public var description: String { source }

    private static func parseTag(_ tag: String) throws -> Part {
        let isName: (Substring) -> Bool = { name in
            !name.isEmpty && !name.contains { "{}() ".contains($0) }
        }
        if let paren = tag.firstIndex(of: "(") {
            guard tag.hasSuffix(")") else { throw ParseError.malformed(tag) }
            let transform = tag[..<paren]
            let field = tag[tag.index(after: paren)..<tag.index(before: tag.endIndex)]
            guard isName(transform), isName(field) else { throw ParseError.malformed(tag) }
            return .field(name: String(field), transform: String(transform))
        }
        guard isName(Substring(tag)) else { throw ParseError.malformed(tag) }
        return .field(name: tag, transform: nil)
    }
}
