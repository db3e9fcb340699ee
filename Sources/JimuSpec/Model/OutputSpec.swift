import Yams

/// The output formats a job may name in `outputs[].format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// A CSV file from a column layout (UTF-8 or CP932), safe against formula injection.
    case csv
    /// Plain text from a Mustache template.
    case text
    /// HTML from a Mustache template, values HTML-escaped.
    case html
    /// A 全銀協 総合振込 file (120-byte records) with the requester of `jimu.yaml`.
    case zengin
    /// A PDF of a printed form (`Jobs/forms/`), one set of pages per record.
    case pdf
}

/// One output of a job.
public struct OutputSpec: Sendable {
    /// The format and its settings: the one source of truth for what an output is.
    public enum Options: Sendable {
        case csv(CSVLayout)
        case text(TemplateOutput)
        case html(TemplateOutput)
        case zengin(ZenginOutput)
        case pdf(PDFOutput)
    }

    /// The output format, as `outputs[].format` names it.
    public var format: OutputFormat {
        switch options {
        case .csv: .csv
        case .text: .text
        case .html: .html
        case .zengin: .zengin
        case .pdf: .pdf
        }
    }
    /// Where to write, relative to the output root; may use run values and record fields
    /// (records with different paths go to different files).
    public var to: TextTemplate
    /// The format's settings.
    public var options: Options
    /// Where the output is declared.
    public var keyPath: KeyPath
    /// At most this many records per file: a file that reaches it is finished at once and the
    /// next records go to `NAME-2.EXT`, `NAME-3.EXT` (分冊), which keeps memory flat for huge PDFs.
    public var maxRecords: Int?
    /// When the output is written, in a job under approval: `issued` (with the run, as always),
    /// `released` (by `jimu release`, for approved orders, with who approved them) or `cancelled`
    /// (by `jimu cancel`, for the orders it cancels: a 取消 register). A job's 全銀 output is
    /// `released` under approval whatever it says: money moves only after 決裁.
    public var stage = Stage.issued

    /// When an output is written.
    public enum Stage: String, Sendable, CaseIterable {
        case issued, released, cancelled
    }

    /// Creates an output.
    public init(to: TextTemplate, options: Options, keyPath: KeyPath) {
        self.to = to
        self.options = options
        self.keyPath = keyPath
    }

    static let commonKeys = ["format", "to", "max_records", "stage"]
    static let templateKeys = ["template", "header", "footer"]

    static func read(_ node: Node, at path: KeyPath, root: ProjectRoot, reader: SpecReader) -> OutputSpec? {
        let allKeys = commonKeys + CSVLayout.outputKeys + templateKeys + ZenginOutput.keys + PDFOutput.keys
        guard let map = reader.mapping(node, at: path, allowed: allKeys, required: ["format", "to"]),
              let format = reader.choice(map["format"], at: map.path("format"), as: OutputFormat.self, what: "format"),
              let to = reader.template(map["to"], at: map.path("to"))
        else { return nil }
        let own = switch format {
        case .csv: CSVLayout.outputKeys
        case .text, .html: templateKeys
        case .zengin: ZenginOutput.keys
        case .pdf: PDFOutput.keys
        }
        for (key, value) in map.entries where !commonKeys.contains(key) && !own.contains(key) {
            reader.error(
                "'\(key)' does not apply to format '\(format.rawValue)'", at: map.path(key), node: value,
                hint: "keys of '\(format.rawValue)' are \(own.joined(separator: ", "))")
        }
        let options: Options
        switch format {
        case .csv:
            guard let layout = CSVLayout.read(output: map, root: root, reader: reader) else { return nil }
            options = .csv(layout)
        case .text, .html:
            guard let template = TemplateOutput.read(map, reader: reader) else { return nil }
            options = format == .html ? .html(template) : .text(template)
        case .zengin:
            guard let zengin = ZenginOutput.read(map, reader: reader) else { return nil }
            options = .zengin(zengin)
        case .pdf:
            guard let pdf = PDFOutput.read(map, root: root, reader: reader) else { return nil }
            options = .pdf(pdf)
        }
        var output = OutputSpec(to: to, options: options, keyPath: path)
        output.maxRecords = map["max_records"].flatMap { reader.int($0, at: map.path("max_records"), in: 1...10_000_000) }
        output.stage = map["stage"].flatMap { reader.choice($0, at: map.path("stage"), as: Stage.self, what: "stage") } ?? .issued
        return output
    }
}

/// A Mustache-templated text or HTML output.
public struct TemplateOutput: Sendable {
    /// The template rendered once per record, relative to the project root.
    public var template: String
    /// Rendered once at the start of each file, with the run's values.
    public var header: String?
    /// Rendered once at the end of each file, with the run's values and the file's record count.
    public var footer: String?

    /// Creates a template output.
    public init(template: String, header: String? = nil, footer: String? = nil) {
        self.template = template
        self.header = header
        self.footer = footer
    }

    static func read(_ map: MappingFields, reader: SpecReader) -> TemplateOutput? {
        guard let template = reader.string(map["template"], at: map.path("template")) else {
            reader.error("missing required key 'template'", at: map.path, node: map.node)
            return nil
        }
        return TemplateOutput(
            template: template,
            header: map["header"].flatMap { reader.string($0, at: map.path("header")) },
            footer: map["footer"].flatMap { reader.string($0, at: map.path("footer")) })
    }
}
