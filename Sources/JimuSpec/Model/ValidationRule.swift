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
    /// The value must equal another field's (e.g. the invoice's account and the payee master's).
    case equals(String)
    /// A date must be before another date field's (a 納期限 before the 照会日).
    case before(String)
    /// A date must not be after another date field's (a birth date on or before the 照会日).
    case notAfter(String)

    /// The other field a rule compares with, if it does.
    public var otherField: String? {
        switch self {
        case .equals(let name), .before(let name), .notAfter(let name): name
        default: nil
        }
    }

    /// Rule names as written in job files.
    public static let names = [
        "required", "min", "max", "length", "pattern", "one_of", "corporate_number",
        "invoice_registration_number", "my_number", "local_government_code", "bank_code", "branch_code", "equals",
        "before", "not_after",
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
        case .equals: "equals"
        case .before: "before"
        case .notAfter: "not_after"
        }
    }

    /// Reads `required`, `{ min: 1 }`, `{ length: 13 }`, `{ length: { min: 1, max: 30 } }`, `{ one_of: [...] }`.
    static func read(_ node: Node, at path: KeyPath, reader: SpecReader) -> FieldCheck? {
        if case .scalar = node, let name = reader.string(node, at: path) {
            return readBare(name, node: node, at: path, reader: reader).map { FieldCheck(rule: $0) }
        }
        guard case .mapping(let mapping) = node else {
            reader.error("a rule is a name such as 'required' or one key such as '{ min: 1 }'", at: path, node: node)
            return nil
        }
        let ruleEntries = mapping.filter { !FieldCheck.optionKeys.contains($0.key.scalar?.string ?? "") }
        guard ruleEntries.count == 1, let (keyNode, value) = ruleEntries.first, let name = keyNode.scalar?.string else {
            reader.error(
                "a rule is one key such as '{ min: 1 }', optionally with 'message' and 'severity'", at: path, node: node)
            return nil
        }
        guard let rule = readRule(name, keyNode: keyNode, value: value, at: path, reader: reader) else { return nil }
        var check = FieldCheck(rule: rule)
        for (key, option) in mapping {
            switch key.scalar?.string {
            case "message": check.message = reader.string(option, at: path.appending("message"))
            case "severity":
                check.severity = reader.choice(option, at: path.appending("severity"), as: FieldCheck.Severity.self, what: "severity") ?? .error
            default: break
            }
        }
        if check.severity == .warning && rule == .required {
            reader.error("'required' cannot be a warning: an empty value cannot be issued", at: path, node: node)
        }
        return check
    }

    private static func readRule(_ name: String, keyNode: Node, value: Node, at path: KeyPath, reader: SpecReader) -> ValidationRule? {
        let argPath = path.appending(name)
        switch name {
        case "min": return reader.int(value, at: argPath).map(ValidationRule.min)
        case "max": return reader.int(value, at: argPath).map(ValidationRule.max)
        case "pattern": return readPattern(value, at: argPath, reader: reader)
        case "one_of":
            let values = reader.list(value, at: argPath).compactMap { reader.string($0.node, at: $0.path) }
            return .oneOf(values)
        case "length": return readLength(value, at: argPath, reader: reader)
        case "equals": return reader.string(value, at: argPath).map(ValidationRule.equals)
        case "before": return reader.string(value, at: argPath).map(ValidationRule.before)
        case "not_after": return reader.string(value, at: argPath).map(ValidationRule.notAfter)
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
        case "min", "max", "length", "pattern", "one_of", "equals", "before", "not_after":
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

/// A rule as a job applies it: the rule, the reason a clerk reads when it fails, and whether a
/// failure rejects the record or only warns.
public struct FieldCheck: Sendable, Equatable {
    /// What a failure does.
    public enum Severity: String, Sendable, CaseIterable {
        /// The record is rejected.
        case error
        /// The record is issued; the failure is logged and kept in the record's `warnings`.
        case warning
    }

    public var rule: ValidationRule
    /// Replaces the generated reason, e.g. "振込先が債権者マスタと一致しない".
    public var message: String?
    public var severity: Severity = .error

    static let optionKeys: Set<String> = ["message", "severity"]

    /// Creates a check that rejects with the generated reason.
    public init(rule: ValidationRule, message: String? = nil, severity: Severity = .error) {
        self.rule = rule
        self.message = message
        self.severity = severity
    }
}
