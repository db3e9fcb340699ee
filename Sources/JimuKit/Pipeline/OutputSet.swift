import JimuSpec

/// The outputs of a run and their open files. A record is rendered against copies of the file
/// renderers' state (they are value types); only when every output accepted it and its key was
/// claimed are the copies kept and the bytes written, so a rejected record leaves no trace.
struct OutputSet {
    struct Output {
        let renderer: any OutputRenderer
        let path: TemplateEvaluator
        let kind: String
    }

    struct FileState {
        var renderer: any FileRenderer
        let output: Int
        var records: Int
    }

    /// The bytes and new states a record produces in every output.
    struct Pending {
        fileprivate var updates: [(path: String, state: FileState, bytes: [UInt8])] = []
    }

    let outputs: [Output]
    private(set) var files: [String: FileState] = [:]
    private(set) var order: [String] = []

    init(job: Job, context: RenderContext) throws {
        var problems: [Diagnostic] = []
        var outputs: [Output] = []
        for output in job.outputs {
            do {
                let renderer = try Renderers.make(output, context: context)
                let path = TemplateEvaluator(output.to, schema: context.schema, run: context.run, escape: PathValue.escape)
                outputs.append(Output(renderer: renderer, path: path, kind: output.format.rawValue))
            } catch let error as ConfigurationError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw ConfigurationError(problems) }
        self.outputs = outputs
    }

    /// Renders a record for every output without changing any state.
    func prepare(_ record: Record) throws(RenderError) -> Pending {
        var pending = Pending()
        for (index, output) in outputs.enumerated() {
            let path = output.path.render(record)
            if let earlier = pending.updates.first(where: { $0.path == path }) {
                throw RenderError("outputs \(earlier.state.output) and \(index) both write to '\(path)'")
            }
            var bytes: [UInt8] = []
            var state: FileState
            if let existing = files[path] {
                guard existing.output == index else { throw RenderError("two outputs write to '\(path)'") }
                state = existing
            } else {
                state = FileState(renderer: output.renderer.makeFile(), output: index, records: 0)
                bytes = try state.renderer.begin()
            }
            bytes += try state.renderer.render(record)
            state.records += 1
            pending.updates.append((path, state, bytes))
        }
        return pending
    }

    /// Keeps the new states and writes the bytes.
    mutating func apply(_ pending: Pending, to writer: OutputWriter) throws {
        for update in pending.updates {
            if files[update.path] == nil { order.append(update.path) }
            files[update.path] = update.state
            try writer.write(update.bytes, to: update.path)
        }
    }

    /// Writes every file's ending (footers, trailers).
    mutating func finish(to writer: OutputWriter) throws {
        for path in order {
            do {
                try writer.write(try files[path]!.renderer.finish(), to: path)
            } catch let error as RenderError {
                throw OutputError(path: path, message: "cannot finish the file: \(error.message)")
            }
        }
    }

    /// The kind and record count of a written file.
    func summary(of path: String) -> (kind: String, records: Int)? {
        files[path].map { (outputs[$0.output].kind, $0.records) }
    }
}

/// Record values inside output paths cannot add folders or climb out of the output root.
enum PathValue {
    static let escape: @Sendable (String) -> String = { value in
        var text = value.map { "/\\\0:".contains($0) ? "_" : String($0) }.joined()
        while text.hasPrefix(".") { text = "_" + text.dropFirst() }
        return text.isEmpty ? "_" : text
    }
}
