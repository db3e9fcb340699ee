/// Cross-checks between the sections of a job: every name used is defined somewhere.
///
/// Checks that need the referenced files themselves (CSV headers, XPath syntax, templates) run in
/// JimuKit's `JobChecker`.
extension Job {
    /// All problems found, never stopping at the first.
    public func validate() -> [Diagnostic] {
        var found: [Diagnostic] = []
        func error(_ message: String, at path: KeyPath, hint: String? = nil) {
            found.append(Diagnostic(.error, message, at: path, location: sourceMap[path], hint: hint))
        }
        validateIdentity(error)
        validateInputs(error)
        validateIssueRules(error)
        validateFieldTypes(error)
        validateTemplates(error)
        validateApproval(error)
        if let fields = records.fields { found += validateNames(mapped: fields.map(\.name)) }
        return found
    }

    private func validateIdentity(_ error: (String, KeyPath, String?) -> Void) {
        let allowed = id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        if id.isEmpty || !allowed || id.hasPrefix("-") {
            error("job id '\(id)' must use a–z, 0–9 and '-'", KeyPath().appending("job"), "e.g. 'payment-orders'")
        }
    }

    private func validateInputs(_ error: (String, KeyPath, String?) -> Void) {
        let names = inputs.map(\.name)
        for input in inputs where input.name.contains(".") || input.name.isEmpty {
            error("input name '\(input.name)' must not contain '.'", input.keyPath, nil)
        }
        if inputs.isEmpty { error("a job needs at least one input", KeyPath().appending("inputs"), nil) }
        if input(named: records.from) == nil {
            error(
                "records come from unknown input '\(records.from)'", records.keyPath.appending("from"),
                Suggestion.hint(for: records.from, in: names) ?? "inputs are \(names.joined(separator: ", "))")
        }
        var joined: Set<String> = []
        for (position, join) in joins.enumerated() {
            guard let table = input(named: join.input) else {
                error(
                    "join of unknown input '\(join.input)'", join.keyPath.appending("input"),
                    Suggestion.hint(for: join.input, in: names))
                continue
            }
            if join.input == records.from {
                error("the main input '\(join.input)' cannot be joined to itself", join.keyPath.appending("input"), nil)
            }
            if table.key == nil {
                error(
                    "input '\(join.input)' is joined but declares no 'key'", join.keyPath.appending("input"),
                    "add 'key: COLUMN' to inputs.\(join.input)")
            }
            for column in join.on {
                if let prefix = joinPrefix(of: column), !joined.contains(prefix) {
                    error("join on '\(column)' uses input '\(prefix)' before it is joined", join.keyPath.appending("on"), nil)
                }
            }
            if join.each && position > 0 {
                error("only the first join can be 'each: true'", join.keyPath.appending("each"), "move this join to the top of 'join'")
            }
            if join.each && join.optional {
                error("a join cannot be both 'each' and 'optional'", join.keyPath.appending("optional"), nil)
            }
            joined.insert(join.input)
        }
    }

    private var joins: [JoinSpec] { records.joins }

    /// The joined input a column reference points into (`payees.名称` → `payees`), if any.
    public func joinPrefix(of column: String) -> String? {
        guard let dot = column.firstIndex(of: ".") else { return nil }
        let prefix = String(column[..<dot])
        return joins.contains { $0.input == prefix } ? prefix : nil
    }

    private func validateIssueRules(_ error: (String, KeyPath, String?) -> Void) {
        guard let fields = records.fields else { return }
        let types = Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        if let number = records.number {
            if types[number.field] != nil {
                error("number field '\(number.field)' is already a field; give the number a new name", number.keyPath.appending("field"), nil)
            }
            if let year = number.fiscalYearField, types[year] != .fiscalYear {
                error(
                    "fiscal_year names '\(year)', which is not a 'type: fiscal_year' field", number.keyPath.appending("fiscal_year"),
                    types[year] == nil ? Suggestion.hint(for: year, in: Set(types.keys)) : "declare '\(year): { column: …, type: fiscal_year }'")
            }
        }
        if let approves = records.approves {
            for (key, field) in approves.fieldsUsed where types[field] == nil {
                error("\(key) names unknown field '\(field)'", approves.keyPath.appending(key), Suggestion.hint(for: field, in: Set(types.keys)))
            }
            if let year = approves.fiscalYear, let type = types[year], type != .fiscalYear {
                error("fiscal_year field '\(year)' must be 'type: fiscal_year'", approves.keyPath.appending("fiscal_year"), nil)
            }
            if let date = approves.date, let type = types[date], type != .date {
                error("date field '\(date)' must be 'type: date'", approves.keyPath.appending("date"), nil)
            }
            if records.number != nil || needsApproval {
                error("a job that approves orders issues none: it takes no 'number:' or 'approval:'", approves.keyPath, nil)
            }
        }
        if let balance = records.balance {
            for (key, field) in balance.fieldsUsed {
                guard let type = types[field] else {
                    error("\(key) names unknown field '\(field)'", balance.keyPath.appending(key), Suggestion.hint(for: field, in: Set(types.keys)))
                    continue
                }
                if key != "account" && ![FieldType.yen, .integer].contains(type) {
                    error("\(key) field '\(field)' must be 'type: yen'", balance.keyPath.appending(key), nil)
                }
            }
        }
    }

    /// Orders under approval are known by their number, and one 全銀 output waits for release.
    private func validateApproval(_ error: (String, KeyPath, String?) -> Void) {
        if !needsApproval {
            for output in outputs where output.stage != .issued {
                error("'stage: \(output.stage.rawValue)' outputs are written by jimu \(output.stage == .released ? "release" : "cancel"), for the orders it moves: the job needs 'approval: { required: true }'", output.keyPath.appending("stage"), nil)
            }
        }
        guard let approval, approval.required else { return }
        if records.number == nil {
            error(
                "approval needs numbered documents: approvers name orders by their number", approval.keyPath.appending("required"),
                "add 'number: { field: order_no, sequence: 支出命令番号, … }' under records")
        }
        let transfers = outputs.filter { if case .zengin = $0.options { true } else { false } }
        if transfers.count > 1 {
            error("a job under approval releases one 全銀 output; this one has \(transfers.count)", transfers[1].keyPath, nil)
        }
    }

    /// Rules that need a number are applied to number fields (names are checked by `validateNames`).
    private func validateFieldTypes(_ error: (String, KeyPath, String?) -> Void) {
        guard let fields = records.fields else { return }
        for validation in records.selections + records.validations {
            guard let field = fields.first(where: { $0.name == validation.field }) else { continue }
            for (index, rule) in validation.checks.map(\.rule).enumerated() {
                let needsNumber: Bool
                switch rule {
                case .min, .max: needsNumber = true
                default: needsNumber = false
                }
                if needsNumber && ![FieldType.integer, .yen].contains(field.type) {
                    error(
                        "rule '\(rule.name)' needs a number, but field '\(field.name)' is \(field.type.rawValue)",
                        validation.keyPath.appending(index), "declare 'type: integer' or 'type: yen'")
                }
            }
        }
    }

    /// Transforms exist and paths stay inside the output root (names are checked by `validateNames`).
    private func validateTemplates(_ error: (String, KeyPath, String?) -> Void) {
        for use in templateUses {
            for transform in use.template.transformNames where TextTemplate.transforms[transform] == nil {
                error(
                    "unknown transform '\(transform)'", use.keyPath,
                    Suggestion.hint(for: transform, in: TextTemplate.transforms.keys.sorted()))
            }
        }
        var paths: [String: KeyPath] = [:]
        for (index, output) in outputs.enumerated() {
            let path = KeyPath().appending("outputs").appending(index)
            checkPathLiterals(output.to, at: path.appending("to"), error)
            if let earlier = paths[output.to.source] {
                error("output path '\(output.to.source)' is also used by \(earlier)", path.appending("to"), nil)
            }
            paths[output.to.source] = path
        }
        checkPathLiterals(rejects, at: KeyPath().appending("rejects").appending("to"), error)
    }

    private func checkPathLiterals(_ template: TextTemplate, at path: KeyPath, _ error: (String, KeyPath, String?) -> Void) {
        let literal = template.parts.map { if case .literal(let text) = $0 { text } else { "x" } }.joined()
        if literal.hasPrefix("/") || literal.split(separator: "/").contains("..") {
            error("output path '\(template)' must stay inside the output root", path, "remove '..' and leading '/'")
        }
    }
}
