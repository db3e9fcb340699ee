import JimuSpec

/// The outputs of a job for one run: where each record goes and its bytes there. Pure and
/// `Sendable`: it runs on the reading thread, or, in a job that numbers its records, on the issuing
/// thread once a record has its number.
struct Outputs: Sendable {
    struct Output: Sendable {
        var renderer: any OutputRenderer
        let path: TemplateEvaluator
        /// The path when it uses no record field (the usual case): computed once.
        let fixedPath: String?
        /// The fields a path of record values is made of, so a record with the same values gets the
        /// last path without rendering it; nil when the path holds the key.
        let pathFields: [Int]?
        let kind: String
        let maxRecords: Int?
        /// Rendered and checked with the record, but not written: the 全銀 transfers of a job under
        /// approval wait in the ledger for `jimu release` (`TransferHold`).
        let held: Bool
    }

    /// A record rendered for one output.
    struct Rendered: Sendable {
        let path: String
        let rendering: Rendering
    }

    private(set) var list: [Output]
    /// Whether records are rendered ahead, on the reading thread, before their key is claimed: when
    /// the job gives no document number, a record's bytes are known once it is keyed. Where they
    /// are rendered changes no outcome: the bytes (or the render error) are used only once the
    /// record is claimed and has passed the issue rules. A numbered job renders on the issuing
    /// thread, which also balances the threads: one reads, forms, checks and keys, the other
    /// numbers, renders and writes.
    let rendersAhead: Bool
    /// The paths rendered for each output by the values they were rendered from (a few payment
    /// dates, say), forgotten when there are many.
    private var paths: [[[FieldValue]: String]]

    init(job: Job, context: RenderContext) throws {
        var problems: [Diagnostic] = []
        var list: [Output] = []
        // Under approval, the outputs `jimu release` writes are not rendered with the run, but for
        // the 全銀 transfers: each is rendered (its account checked) and held in the ledger.
        for output in job.outputs where job.stage(of: output) == .issued || output.format == .zengin {
            do {
                let renderer = try Renderers.make(output, context: context)
                let path = TemplateEvaluator(output.to, schema: context.schema, run: context.run, escape: PathValue.escape)
                let names = output.to.fieldNames
                let fields = names.compactMap { context.schema.index[$0] }
                let usesKey = names.contains("key") && context.schema.index["key"] == nil
                list.append(Output(
                    renderer: renderer, path: path, fixedPath: fields.isEmpty && !usesKey ? path.render(nil) : nil,
                    pathFields: usesKey ? nil : fields, kind: output.format.rawValue, maxRecords: output.maxRecords,
                    held: job.stage(of: output) != .issued))
            } catch let error as ConfigurationError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw ConfigurationError(problems) }
        self.list = list
        rendersAhead = job.records.number == nil
        paths = Array(repeating: [:], count: list.count)
    }

    /// A record's path and bytes in every output.
    mutating func render(_ record: Record) throws(RenderError) -> [Rendered] {
        var rendered: [Rendered] = []
        rendered.reserveCapacity(list.count)
        for index in list.indices {
            let path = list[index].fixedPath ?? path(of: index, for: record)
            if rendered.contains(where: { $0.path == path }) {
                throw RenderError("two outputs write to '\(path)'; give them different 'to' paths")
            }
            rendered.append(Rendered(path: path, rendering: try list[index].renderer.render(record)))
        }
        return rendered
    }

    /// A record's path and bytes in every output, with the bytes of some outputs rendered before
    /// (a transfer held while its order waited for approval).
    mutating func render(_ record: Record, given: [Int: Rendering]) throws(RenderError) -> [Rendered] {
        var rendered: [Rendered] = []
        for index in list.indices {
            let path = list[index].fixedPath ?? path(of: index, for: record)
            let rendering: Rendering
            if let bytes = given[index] { rendering = bytes } else { rendering = try list[index].renderer.render(record) }
            rendered.append(Rendered(path: path, rendering: rendering))
        }
        return rendered
    }

    private mutating func path(of index: Int, for record: Record) -> String {
        guard let fields = list[index].pathFields else { return list[index].path.render(record) }
        let values = fields.map { record.values[$0] }
        if let path = paths[index][values] { return path }
        let path = list[index].path.render(record)
        if paths[index].count >= 1024 { paths[index].removeAll(keepingCapacity: true) }
        paths[index][values] = path
        return path
    }
}

/// Record values inside output paths cannot add folders or climb out of the output root.
enum PathValue {
    static let escape: @Sendable (String) -> String = { value in
        if !value.isEmpty, value.utf8.first != UInt8(ascii: "."), !value.utf8.contains(where: { "/\\\0:".utf8.contains($0) }) { return value }
        var text = value.map { "/\\\0:".contains($0) ? "_" : String($0) }.joined()
        while text.hasPrefix(".") { text = "_" + text.dropFirst() }
        return text.isEmpty ? "_" : text
    }
}
