import Yams

/// A check a field must pass for its record to be issued.
public enum ValidationRule: Sendable, Equatable {
    /// The field must not be empty.
    case required
    /// A number must be at least this.
    case min(Int)
    /// A number must be at most this.
    case max(Int)
    /// The text must have between `min` and `max` characters.
    case length(min: Int, max: Int)
    /// The whole text must match this regular expression.
    case pattern(String)
    /// The text must be one of these values.
    case oneOf([String])
    /// 法人番号: 13 digits with its check digit (the first digit).
    case corporateNumber
    /// 適格請求書発行事業者登録番号: `T` + 13 digits; for corporations the 法人番号 check applies.
    case invoiceRegistrationNumber
    /// 個人番号 (マイナンバー): 12 digits with its check digit (the last digit).
    case myNumber
    /// 全国地方公共団体コード: 6 digits with its check digit (JIS X 0402).
    case localGovernmentCode
    /// 金融機関コード: 4 digits.
    case bankCode
    /// 支店コード: 3 digits.
    case branchCode

    /// Rule names as written in job files.
    public static let names = [
        "required", "min", "max", "length", "pattern", "one_of", "corporate_number",
        "invoice_registration_number", "my_number", "local_government_code", "bank_code", "branch_code",
    ]

    /// The name as written in job files.
    public var name: String {
        switch self {
        case .required: "required"
        case .min: "min"
        case .max: "max"
        case .length: "length"
        case .pattern: "pattern"
        case .oneOf: "one_of"
        case .corporateNumber: "corporate_number"
        case .invoiceRegistrationNumber: "invoice_registration_number"
        case .myNumber: "my_number"
        case .localGovernmentCode: "local_government_code"
        case .bankCode: "bank_code"
        case .branchCode: "branch_code"
        }
    }

    /// Reads `required`, `{ min: 1 }`, `{ length: 13 }`, `{ length: { min: 1, max: 30 } }`, `{ one_of: [...] }`.
    static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> ValidationRule? {
        if case .scalar = node, let name = reader.string(node, at: path) {
            return readBare(name, node: node, at: path, reader: reader)
        }
        guard case .mapping(let mapping) = node, mapping.count == 1, let (keyNode, value) = mapping.first,
              let name = keyNode.scalar?.string
        else {
            reader.error("a rule is a name such as 'required' or one key such as '{ min: 1 }'", at: path, node: node)
            return nil
        }
        let argPath = path.appending(name)
        switch name {
        case "min": return reader.int(value, at: argPath).map(ValidationRule.min)
        case "max": return reader.int(value, at: argPath).map(ValidationRule.max)
        case "pattern": return readPattern(value, at: argPath, reader: reader)
        case "one_of":
            let values = reader.list(value, at: argPath).compactMap { reader.string($0.node, at: $0.path) }
            return .oneOf(values)
        case "length": return readLength(value, at: argPath, reader: reader)
        default:
            return readBare(name, node: keyNode, at: path, reader: reader)
        }
    }

    private static func readBare(_ name: String, node: Node, at path: KeyPath, reader: SpecReader) -> ValidationRule? {
        switch name {
        case "required": return .required
        case "corporate_number": return .corporateNumber
        case "invoice_registration_number": return .invoiceRegistrationNumber
        case "my_number": return .myNumber
        case "local_government_code": return .localGovernmentCode
        case "bank_code": return .bankCode
        case "branch_code": return .branchCode
        case "min", "max", "length", "pattern", "one_of":
            reader.error("rule '\(name)' needs a value, e.g. '{ \(name): ... }'", at: path, node: node)
        default:
            reader.error("unknown rule '\(name)'", at: path, node: node, hint: Suggestion.hint(for: name, in: names))
        }
        return nil
    }

    private static func readPattern(_ node: Node, at path: KeyPath, reader: SpecReader) -> ValidationRule? {
        guard let pattern = reader.string(node, at: path) else { return nil }
        guard (try? Regex(pattern)) != nil else {
            reader.error("'\(pattern)' is not a valid regular expression", at: path, node: node)
            return nil
        }
        return .pattern(pattern)
    }

    private static func readLength(_ node: Node, at path: KeyPath, reader: SpecReader) -> ValidationRule? {
        if case .scalar = node {
            return reader.int(node, at: path, in: 0...100_000).map { .length(min: $0, max: $0) }
        }
        guard let map = reader.mapping(node, at: path, allowed: ["min", "max"]) else { return nil }
        let low = map["min"].flatMap { reader.int($0, at: map.path("min"), in: 0...100_000) } ?? 0
        let high = map["max"].flatMap { reader.int($0, at: map.path("max"), in: 0...100_000) } ?? 100_000
        guard low <= high else {
            reader.error("length min \(low) is greater than max \(high)", at: path, node: node)
            return nil
        }
        return .length(min: low, max: high)
    }
}
