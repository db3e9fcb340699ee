import Foundation
import JimuSpec
import Mustache

/// Writes text or HTML through Mustache templates: `template` once per record, optional `header`
/// and `footer` once per file. HTML output escapes values; text output writes them as they are.
///
/// Templates see every field (`{{payee_name}}`), the run values (`{{run_date}}`) and the transforms
/// of text templates (`{{wareki(due)}}`, `{{yen(amount)}}`); an empty field is missing, so
/// `{{#note}}…{{/note}}` hides a section when `note` is empty.
struct TemplateRenderer: OutputRenderer {
    static let formats = [OutputFormat.text, .html]

    private let record: MustacheTemplate
    private let header: MustacheTemplate?
    private let footer: MustacheTemplate?
    private let run: RunValues

    init(output: OutputSpec, context: RenderContext) throws {
        let (spec, html): (TemplateOutput, Bool)
        switch output.options {
        case .text(let text): (spec, html) = (text, false)
        case .html(let page): (spec, html) = (page, true)
        default: throw ConfigurationError([])
        }
        let load = { (file: String, key: String) throws -> MustacheTemplate in
            try Self.load(file, key: key, html: html, output: output, context: context)
        }
        record = try load(spec.template, "template")
        header = try spec.header.map { try load($0, "header") }
        footer = try spec.footer.map { try load($0, "footer") }
        run = context.run
    }

    func render(_ record: Record) throws(RenderError) -> Rendering {
        .bytes(Array(self.record.render(MustacheRecord(record: record, run: run)).utf8))
    }

    func makeFile() -> any FileRenderer {
        File(header: Array((header?.render(run.values) ?? "").utf8), footer: footer, run: run, count: 0)
    }

    /// A text or HTML file: header, records, and a footer that knows how many records it holds.
    struct File: FileRenderer {
        let header: [UInt8]
        let footer: MustacheTemplate?
        let run: RunValues
        var count: Int

        mutating func begin() throws(RenderError) -> [UInt8] { header }

        mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8] {
            count += 1
            return checked.bytes
        }

        mutating func finish() throws(RenderError) -> [UInt8] {
            Array((footer?.render(run.adding(["count": String(count)]).values) ?? "").utf8)
        }
    }

    /// The names a Mustache template looks up: `{{name}}`, `{{{name}}}`, `{{&name}}`, sections
    /// `{{#name}}` and `{{^name}}`, and `{{transform(name)}}`; comments, partials and `{{.}}` aside.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if let sigil = tag.first, "#^&{".contains(sigil) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            guard let first = tag.first, !"!/>%=.".contains(first) else { continue }
            if let paren = tag.firstIndex(of: "("), tag.hasSuffix(")") { tag = String(tag[tag.index(after: paren)..<tag.index(before: tag.endIndex)]) }
            if !names.contains(tag) { names.append(tag) }
        }
        return names
    }

    /// Reads and parses a template, reporting problems at the job key that names it.
    static func load(_ file: String, key: String, html: Bool, output: OutputSpec, context: RenderContext) throws
        -> MustacheTemplate
    {
        let path = output.keyPath.appending(key)
        func fail(_ message: String, hint: String? = nil) -> ConfigurationError {
            ConfigurationError([Diagnostic(.error, message, at: path, location: context.job.sourceMap[path], hint: hint)])
        }
        guard let url = context.root.resolve(file) else {
            throw fail(
                "path '\(file)' is outside the project root",
                hint: ProjectRoot.hint(for: file, root: context.root.display(context.root.url), link: context.root.isInside(file)))
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw fail("cannot read template '\(file)'", hint: "check the path and that it is UTF-8")
        }
        do {
            return try MustacheTemplate(string: html ? text : "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch {
            throw fail("template '\(file)' does not parse: \(error)")
        }
    }
}

/// A record as Mustache sees it: fields by name, then run values; empty fields are missing.
struct MustacheRecord: MustacheParent {
    let record: Record
    let run: RunValues

    func child(named name: String) -> Any? {
        if let value = record[name] { return value.isEmpty ? nil : MustacheField(value: value) }
        return run[name]
    }
}

/// A field value in a Mustache template, with the text-template transforms.
struct MustacheField: MustacheCustomRenderable, MustacheTransformable {
    let value: FieldValue

    var renderText: String { value.text }
    var isNull: Bool { value.isEmpty }

    func transform(_ name: String) -> Any? {
        TextTemplate.transforms[name] == nil ? nil : Transforms.apply(name, to: value)
    }
}
