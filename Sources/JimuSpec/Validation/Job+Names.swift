/// The one check of the names a job uses: every template (keys, computed fields, output paths,
/// CSV columns, forms, 全銀 fields, the rejects path) and every checked field, against the names
/// that exist at the moment the template is rendered.
///
/// A record is formed in this order: fields are read (computed ones over the fields above them),
/// checked (`warnings` filled in), keyed, claimed, numbered, rendered. A name a template uses
/// must exist by then; one that comes later renders empty, so it is an error here.
extension Job {
    /// Where a template is rendered, which decides the names it may use.
    public enum TemplateStage: Sendable, Equatable {
        /// A computed field, formed over the fields above it (its position among the fields).
        case field(Int)
        /// The record key, formed once the record is checked.
        case key
        /// An output, rendered once the record is issued (and numbered); `extra` names such as a
        /// cover page's `count`.
        case output(extra: Set<String>)
        /// A template with run values only (the rejects path, a template's header).
        case run
    }

    /// A template of the job, with where it is written and rendered.
    public struct TemplateUse: Sendable {
        /// The template.
        public var template: TextTemplate
        /// Where it is written.
        public var keyPath: KeyPath
        /// When it is rendered.
        public var stage: TemplateStage
    }

    /// Every text template of the job (Mustache template files are checked by `JobChecker`).
    public var templateUses: [TemplateUse] {
        var uses = [TemplateUse(template: records.key, keyPath: records.keyPath.appending("key"), stage: .key)]
        if let replaces = records.replaces {
            uses.append(TemplateUse(template: replaces, keyPath: records.keyPath.appending("replaces"), stage: .key))
        }
        for (position, field) in (records.fields ?? []).enumerated() {
            if let value = field.value { uses.append(TemplateUse(template: value, keyPath: field.keyPath.appending("value"), stage: .field(position))) }
        }
        for (index, output) in outputs.enumerated() {
            let path = KeyPath().appending("outputs").appending(index)
            uses.append(TemplateUse(template: output.to, keyPath: path.appending("to"), stage: .output(extra: [])))
            switch output.options {
            case .csv(let layout):
                for (column, spec) in layout.columns.enumerated() {
                    uses.append(TemplateUse(
                        template: spec.value, keyPath: path.appending("columns").appending(column).appending("value"), stage: .output(extra: [])))
                }
                if let oneRowPer = layout.oneRowPer {
                    uses.append(TemplateUse(template: oneRowPer, keyPath: path.appending("one_row_per"), stage: .output(extra: [])))
                }
            case .pdf(let pdf):
                for (template, _, cover) in pdf.form.templates {
                    uses.append(TemplateUse(template: template, keyPath: path.appending("form"), stage: .output(extra: cover ? FormSpec.coverValues : [])))
                }
            case .text, .html, .zengin:
                break
            }
        }
        uses.append(TemplateUse(template: rejects, keyPath: KeyPath().appending("rejects").appending("to"), stage: .run))
        return uses
    }

    /// The names a record has once issued: the mapped fields, `warnings` when some check only warns,
    /// and the document number.
    public func issuedNames(mapped: [String]) -> [String] {
        mapped + (records.hasWarnings ? [RecordSpec.warningsField] : []) + (records.number.map { [$0.field] } ?? [])
    }

    /// Checks every name the job uses.
    /// - Parameter mapped: the fields read from the inputs, in order: the declared `fields`, or, when
    ///   a job declares none, the main input's columns and the joined inputs' `input.column`s.
    public func validateNames(mapped: [String]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let checked = mapped + (records.hasWarnings ? [RecordSpec.warningsField] : [])
        let issued = issuedNames(mapped: mapped)
        for use in templateUses {
            for name in use.template.fieldNames {
                guard let problem = problem(with: name, in: use.stage, mapped: mapped, checked: checked, issued: issued) else { continue }
                found.append(Diagnostic(
                    .error, "template '\(use.template)' \(problem.message)", at: use.keyPath, location: sourceMap[use.keyPath],
                    hint: problem.hint))
            }
        }
        for validation in records.selections + records.validations {
            if !checked.contains(validation.field) {
                found.append(Diagnostic(
                    .error, "validation of unknown field '\(validation.field)'", at: validation.keyPath,
                    location: sourceMap[validation.keyPath], hint: Suggestion.hint(for: validation.field, in: checked)))
            }
            for (index, check) in validation.checks.enumerated() {
                guard let other = check.rule.otherField, !checked.contains(other) else { continue }
                let at = validation.keyPath.appending(index)
                found.append(Diagnostic(
                    .error, "rule '\(check.rule.name)' names unknown field '\(other)'", at: at, location: sourceMap[at],
                    hint: Suggestion.hint(for: other, in: checked)))
            }
        }
        for (index, name) in (records.fingerprint ?? []).enumerated() where !checked.contains(name) {
            let at = records.keyPath.appending("fingerprint").appending(index)
            found.append(Diagnostic(
                .error, "fingerprint names unknown field '\(name)'", at: at, location: sourceMap[at] ?? sourceMap[records.keyPath.appending("fingerprint")],
                hint: Suggestion.hint(for: name, in: checked)))
        }
        if records.key.fieldNames.allSatisfy({ RunValue(rawValue: $0) != nil }) {
            let at = records.keyPath.appending("key")
            found.append(Diagnostic(
                .warning, "the key '\(records.key)' uses no record field: every record has the same key, and only the first is ever issued",
                at: at, location: sourceMap[at], hint: "key records by their own fields, such as an invoice number"))
        }
        for (index, output) in outputs.enumerated() {
            guard case .zengin(let zengin) = output.options else { continue }
            let path = KeyPath().appending("outputs").appending(index)
            for (key, field) in zengin.fieldsUsed where !issued.contains(field) {
                found.append(Diagnostic(
                    .error, "\(key) names unknown field '\(field)'", at: path.appending(key), location: sourceMap[path.appending(key)],
                    hint: Suggestion.hint(for: field, in: issued)))
            }
        }
        return found
    }

    // MARK: - Private

    /// Why `name` cannot be used at `stage`, nil when it can.
    private func problem(
        with name: String, in stage: TemplateStage, mapped: [String], checked: [String], issued: [String]
    ) -> (message: String, hint: String?)? {
        let run = RunValue(rawValue: name)
        switch stage {
        case .run:
            if run != nil { return nil }
            return ("uses '\(name)', but only run values exist here", "use \(RunValue.names.joined(separator: ", "))")
        case .key:
            if let run {
                guard run.changesEveryRun else { return nil }
                return ("uses run value '\(name)', which changes every run: records would never be skipped as already issued",
                        "key records by their own fields, such as an invoice number or a payee code")
            }
            if checked.contains(name) { return nil }
            if name == RunValue.key { return ("uses 'key' inside the key itself", nil) }
            if issued.contains(name) {
                return ("uses '\(name)', the document number, which is given after the key is claimed", "key records by their own fields")
            }
            return unknown(name, among: checked + RunValue.names.filter { !RunValue(rawValue: $0)!.changesEveryRun })
        case .field(let position):
            if run != nil || mapped[..<min(position, mapped.count)].contains(name) { return nil }
            let field = records.fields.map { $0[position].name } ?? ""
            if mapped.contains(name) {
                return ("uses field '\(name)', which is formed after '\(field)'", "declare '\(name)' above '\(field)' in records.fields")
            }
            if name == RunValue.key { return ("uses the record key, which is formed after the fields", "use it in outputs") }
            if issued.contains(name) {
                return ("uses '\(name)', which is filled in after the fields are formed", "use it in outputs")
            }
            return unknown(name, among: Array(mapped[..<min(position, mapped.count)]) + RunValue.names)
        case .output(let extra):
            if run != nil || name == RunValue.key || extra.contains(name) || issued.contains(name) { return nil }
            if ApprovalSpec.values.contains(name) { return nil }  // empty but in what jimu release writes
            return unknown(name, among: issued + RunValue.names + [RunValue.key] + extra.sorted())
        }
    }

    private func unknown(_ name: String, among known: [String]) -> (message: String, hint: String?) {
        ("uses unknown field '\(name)'", Suggestion.hint(for: name, in: known))
    }
}
