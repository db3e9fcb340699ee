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
    }

    /// A record rendered for one output.
    struct Rendered: Sendable {
        let path: String
        let bytes: [UInt8]
    }

    private(set) var list: [Output]
    /// Whether records are rendered once issued: the job gives them a document number then, which
    /// outputs show. Rendering then also balances the two threads: the reading thread reads, forms,
    /// checks and keys records, the issuing thread numbers, renders and writes them.
    let rendersOnIssue: Bool
    /// The paths rendered for each output by the values they were rendered from (a few payment
    /// dates, say), forgotten when there are many.
    private var paths: [[[FieldValue]: String]]

    init(job: Job, context: RenderContext) throws {
        var problems: [Diagnostic] = []
        var list: [Output] = []
        for output in job.outputs {
            do {
                let renderer = try Renderers.make(output, context: context)
                let path = TemplateEvaluator(output.to, schema: context.schema, run: context.run, escape: PathValue.escape)
                let names = output.to.fieldNames
                let fields = names.compactMap { context.schema.index[$0] }
                let usesKey = names.contains("key") && context.schema.index["key"] == nil
                list.append(Output(
                    renderer: renderer, path: path, fixedPath: fields.isEmpty && !usesKey ? path.render(nil) : nil,
                    pathFields: usesKey ? nil : fields, kind: output.format.rawValue, maxRecords: output.maxRecords))
            } catch let error as ConfigurationError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw ConfigurationError(problems) }
        self.list = list
        rendersOnIssue = job.records.number != nil
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
            rendered.append(Rendered(path: path, bytes: try list[index].renderer.render(record)))
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

/// The output files of a run and their state, on the issuing thread. Every file a record goes to
/// is asked first whether it takes the record; only when all do is it added to them, in place.
struct OutputFiles {
    private struct State {
        let path: String
        /// Nil once the file is finished early, full (`max_records`): its memory (a PDF's canvas)
        /// is let go at once.
        var renderer: (any FileRenderer)?
        let output: Int
        var records: Int
    }

    /// Where a record goes in one output: an open file, or a file it starts (with its first
    /// bytes), after finishing a full one.
    private struct Target {
        var number: Int?
        var opened: (state: State, head: [UInt8])?
        var full: Int?
    }

    private var outputs: Outputs
    private var states: [State] = []
    private var numbers: [String: Int] = [:]
    /// The volume each path of an output with `max_records` is on, when past the first.
    private var volumes: [String: Int] = [:]
    /// The file each output wrote last: most outputs have one file per run.
    private var current: [Int?]
    /// The targets of the record being added, kept to reuse their memory.
    private var targets: [Target] = []

    init(_ outputs: Outputs) {
        self.outputs = outputs
        current = Array(repeating: nil, count: outputs.list.count)
    }

    /// Whether records are rendered on this thread, once issued.
    var rendersOnIssue: Bool { outputs.rendersOnIssue }

    /// Renders a record that has its document number, on this thread.
    mutating func render(_ record: Record) throws(RenderError) -> [Outputs.Rendered] {
        try outputs.render(record)
    }

    /// Adds an issued record to its files and writes its bytes.
    /// - Throws: `RenderError` when a file refuses the record (nothing is written then).
    mutating func add(_ record: Record, rendered: [Outputs.Rendered], to writer: OutputWriter) throws {
        targets.removeAll(keepingCapacity: true)
        for (index, base) in rendered.enumerated() {
            targets.append(try target(of: record, in: index, path: base.path, rendered: base.bytes))
        }
        for index in targets.indices {
            if let full = targets[index].full { try finishVolume(full, of: rendered[index].path, to: writer) }
            let number: Int
            if let opened = targets[index].opened {
                number = states.count
                states.append(opened.state)
                numbers[opened.state.path] = number
                if !opened.head.isEmpty { try writer.write(opened.head, to: opened.state.path) }
            } else {
                number = targets[index].number!
            }
            current[index] = number
            let body: [UInt8]
            do { body = try states[number].renderer!.add(record, rendered: rendered[index].bytes) } catch {
                throw OutputError(path: states[number].path, message: "cannot add a checked record: \(error.message)")
            }
            states[number].records += 1
            try writer.write(body, to: states[number].path)
            if let limit = outputs.list[index].maxRecords, states[number].records >= limit {
                try finishVolume(number, of: rendered[index].path, to: writer)
            }
        }
    }

    /// The file of output `index` a record goes to, once that file has checked it; nothing changes.
    private func target(of record: Record, in index: Int, path base: String, rendered: [UInt8]) throws(RenderError) -> Target {
        var path = volumes.isEmpty ? base : volumes[base].map { Self.volume($0, of: base) } ?? base
        var number = current[index].flatMap { states[$0].path == path ? $0 : nil } ?? numbers[path]
        var full: Int?
        if let open = number, states[open].output == index, !states[open].renderer!.accepts(record) {
            (full, number) = (open, nil)
            path = Self.volume(volumes[base, default: 1] + 1, of: base)
        }
        if let number {
            guard states[number].output == index else { throw RenderError("two outputs write to '\(path)'") }
            try states[number].renderer!.check(record, rendered: rendered)
            return Target(number: number, full: full)
        }
        var state = State(path: path, renderer: outputs.list[index].renderer.makeFile(), output: index, records: 0)
        let head = try state.renderer!.begin()
        try state.renderer!.check(record, rendered: rendered)
        return Target(opened: (state, head), full: full)
    }

    /// Finishes a full file; the next records for its path go to the next volume.
    private mutating func finishVolume(_ number: Int, of path: String, to writer: OutputWriter) throws {
        try finish(number, to: writer)
        volumes[path, default: 1] += 1
    }

    /// `bundle.pdf` as volume 2: `bundle-2.pdf`.
    static func volume(_ number: Int, of path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(path)-\(number)" }
        let stem = path.dropLast(name.distance(from: dot, to: name.endIndex))
        return "\(stem)-\(number)\(name[dot...])"
    }

    /// Writes every file's ending (footers, trailers).
    mutating func finish(to writer: OutputWriter) throws {
        for number in states.indices where states[number].renderer != nil {
            try finish(number, to: writer)
        }
    }

    private mutating func finish(_ number: Int, to writer: OutputWriter) throws {
        do {
            try writer.write(try states[number].renderer!.finish(), to: states[number].path)
            try writer.close(states[number].path)
            states[number].renderer = nil
        } catch let error as RenderError {
            throw OutputError(path: states[number].path, message: "cannot finish the file: \(error.message)")
        }
    }

    /// The kind and record count of a written file.
    func summary(of path: String) -> (kind: String, records: Int)? {
        numbers[path].map { (outputs.list[states[$0].output].kind, states[$0].records) }
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
