import JimuSpec

/// Applies a job's `validate:` rules to records; a record failing any rule is rejected with all
/// its failures, each naming field, rule and value (masked in logs when personal).
struct RecordValidator {
    /// A class, so going through the checks of every record costs a retain each, not a copy.
    private final class Check {
        let field: Int
        let rule: ValidationRule
        let message: String?
        let warning: Bool
        let regex: Regex<AnyRegexOutput>?
        /// The same pattern, matched without the regex engine when it can be.
        let simple: SimplePattern?
        /// The other field of `equals`, `before` and `not_after`.
        let other: Int?
        /// The join whose row holds every field the check reads, if one does.
        let join: Int?

        init(
            field: Int, rule: ValidationRule, message: String?, warning: Bool, regex: Regex<AnyRegexOutput>?, simple: SimplePattern?,
            other: Int?, join: Int?
        ) {
            (self.field, self.rule, self.message, self.warning) = (field, rule, message, warning)
            (self.regex, self.simple, self.other, self.join) = (regex, simple, other, join)
        }
    }

    private let schema: RecordSchema
    private let checks: [Check]
    /// The outcome of a check that reads one joined row only is the same for every record formed
    /// with that row (a payee's 登録番号): worked out once per row. Those checks, and per join their
    /// outcomes by row.
    private let joinChecks: JoinGroups
    private var rowOutcomes = RowMemo<[Rejection?]>()

    /// Compiles the rules of a job (its `validate:`, or its `select:` when `selecting`) against a schema.
    init(job: Job, schema: RecordSchema, selecting: Bool = false) {
        self.schema = schema
        checks = (selecting ? job.records.selections : job.records.validations).flatMap { validation -> [Check] in
            guard let field = schema.index[validation.field] else { return [] }
            return validation.checks.map { check in
                var regex: Regex<AnyRegexOutput>?
                var simple: SimplePattern?
                if case .pattern(let pattern) = check.rule, let compiled = try? Regex(pattern) {
                    regex = compiled
                    simple = SimplePattern(pattern)
                }
                var other: Int?
                if let name = check.rule.otherField { other = schema.index[name] }
                return Check(
                    field: field, rule: check.rule, message: check.message, warning: check.severity == .warning, regex: regex, simple: simple,
                    other: other, join: schema.join(of: [field, other ?? field]))
            }
        }
        warningsField = schema.index[RecordSchema.warningsField]
        joinChecks = JoinGroups(checks.map(\.join))
    }

    private let warningsField: Int?

    /// Checks one record.
    /// - Returns: nil when it passes, else one rejection holding every failure.
    /// Failures of `severity: warning` checks are written into the record's `warnings` field.
    /// - Parameter skipping: fields that could not be read, whose checks would only repeat that.
    mutating func check(_ record: inout Record, skipping: Set<Int> = []) -> Rejection? {
        var failures: [Rejection] = []
        var warnings: [String] = []
        for (index, check) in checks.enumerated() where skipping.isEmpty || !skipping.contains(check.field) {
            let outcome: Rejection?
            if let join = check.join, let row = record.row(of: join) {
                let place = joinChecks.places[index]
                if let kept = rowOutcomes.withValue(join: join, row: row, { $0[place] }) {
                    outcome = kept
                } else {
                    let outcomes = joinChecks.members[join].map { self.outcome(of: checks[$0], for: record) }
                    rowOutcomes[join: join, row: row] = outcomes
                    outcome = outcomes[place]
                }
            } else {
                outcome = self.outcome(of: check, for: record)
            }
            guard let failure = outcome else { continue }
            // A warning is printed on documents: the rule's own message, without the field id.
            if check.warning { warnings.append(check.message ?? failure.maskedMessage) } else { failures.append(failure) }
        }
        if let warningsField, !warnings.isEmpty { record.values[warningsField] = .text(warnings.joined(separator: "; ")) }
        return Rejection.combining(failures)
    }

    /// Why a record fails a check, nil when it passes.
    private func outcome(of check: Check, for record: Record) -> Rejection? {
        let value = record.values[check.field]
        guard let sentence = failure(of: check, value, in: record) else { return nil }
        let name = schema.names[check.field]
        if let message = check.message {
            return Rejection(field: name, rule: check.rule.name, message: "\(name): \(message)")
        }
        return .quoting(value.text, personal: schema.personal[check.field], field: name, rule: check.rule.name) {
            "\(name): \(check.rule.name): \(sentence($0))"
        }
    }

    /// A sentence builder (given the quoted value) when the value fails, nil when it passes.
    /// Empty values pass every rule but `required`.
    private func failure(of check: Check, _ value: FieldValue, in record: Record) -> ((String) -> String)? {
        if value.isEmpty {
            return check.rule == .required ? { _ in "a value is required" } : nil
        }
        var text: String { JapaneseText.foldWidth(value.text) }
        switch check.rule {
        case .required:
            return nil
        case .min(let bound):
            guard case .integer(let number) = value, number < bound else { return nil }
            return { "\($0) is less than \(bound)" }
        case .max(let bound):
            guard case .integer(let number) = value, number > bound else { return nil }
            return { "\($0) is more than \(bound)" }
        case .length(let low, let high):
            let count = JapaneseText.characterCount(value.text)
            guard count < low || count > high else { return nil }
            let expected = low == high ? "\(low)" : "\(low) to \(high)"
            return { "\($0) has \(count) characters; expected \(expected)" }
        case .pattern(let pattern):
            guard let regex = check.regex else { return nil }
            let text = value.text
            guard !(check.simple?.wholeMatch(text) ?? ((try? regex.wholeMatch(in: text)) != nil)) else { return nil }
            return { "\($0) does not match '\(pattern)'" }
        case .oneOf(let allowed):
            guard !allowed.contains(value.text) else { return nil }
            return { "\($0) is not one of \(allowed.joined(separator: ", "))" }
        case .corporateNumber:
            return CheckDigits.isValidCorporateNumber(text) ? nil : { "\($0) is not a valid 法人番号 (13 digits, check digit first)" }
        case .invoiceRegistrationNumber:
            return CheckDigits.isValidInvoiceRegistrationNumber(text) ? nil : {
                "\($0) is not a valid 登録番号 (T and 13 digits passing the 法人番号 check digit)"
            }
        case .myNumber:
            return CheckDigits.isValidMyNumber(text) ? nil : { "\($0) is not a valid 個人番号 (12 digits, check digit last)" }
        case .localGovernmentCode:
            return CheckDigits.isValidLocalGovernmentCode(text) ? nil : { "\($0) is not a valid 団体コード (6 digits with check digit)" }
        case .bankCode:
            return CheckDigits.isDigits(text, count: 4...4) ? nil : { "\($0) is not a 4-digit 金融機関コード" }
        case .branchCode:
            return CheckDigits.isDigits(text, count: 3...3) ? nil : { "\($0) is not a 3-digit 支店コード" }
        case .equals(let name):
            guard let other = check.other, record.values[other].text != value.text else { return nil }
            return { "\($0) differs from \(name)" }
        case .before(let name):
            guard let other = check.other, case .date(let day) = value, case .date(let limit) = record.values[other], day >= limit
            else { return nil }
            return { "\($0) is not before \(name) (\(limit.iso))" }
        case .notAfter(let name):
            guard let other = check.other, case .date(let day) = value, case .date(let limit) = record.values[other], day > limit
            else { return nil }
            return { "\($0) is after \(name) (\(limit.iso))" }
        }
    }
}
