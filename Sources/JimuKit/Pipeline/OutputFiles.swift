import JimuSpec

/// The output files of a run, on the issuing thread: one `OutputFile` per path. Every file a record
/// goes to is asked first whether it takes the record (`check`); only when all do is the record
/// added to them, in place, so a rejected record leaves no trace.
struct OutputFiles {
    /// One file of an output.
    private struct OutputFile {
        enum State {
            /// Taking records.
            case open(any FileRenderer)
            /// Its ending is written: at the end of the run, or at once when it is full
            /// (`max_records`, or a renderer that takes no more), which lets its memory go.
            case finished
        }

        let path: String
        let output: Int
        var records = 0
        var state: State

        /// Lends the open renderer out to be changed in place (not copied).
        mutating func withRenderer<T, E: Error>(_ body: (inout any FileRenderer) throws(E) -> T) throws(E) -> T {
            guard case .open(var renderer) = state else { preconditionFailure("output file '\(path)' is already finished") }
            state = .finished
            defer { state = .open(renderer) }
            return try body(&renderer)
        }

        var renderer: (any FileRenderer)? {
            if case .open(let renderer) = state { renderer } else { nil }
        }
    }

    /// Where a record goes in one output: an open file, or a file it starts with its first bytes
    /// (after finishing a full one).
    private enum Target {
        case open(Int, Checked, finishing: Int?)
        case new(OutputFile, head: [UInt8], Checked, finishing: Int?)
    }

    private var outputs: Outputs
    private var files: [OutputFile] = []
    private var byPath: [String: Int] = [:]
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

    /// A record's bytes for every output: rendered ahead, or now (on the issuing thread, once the
    /// record has its number).
    mutating func render(_ record: Record, ahead: Result<[Outputs.Rendered], RenderError>?) throws(RenderError) -> [Outputs.Rendered] {
        if let ahead { return try ahead.get() }
        return try outputs.render(record)
    }

    /// Adds an issued record to its files and writes its bytes.
    /// - Throws: `RenderError` when a file refuses the record (nothing is written then).
    mutating func add(_ record: Record, rendered: [Outputs.Rendered], to writer: OutputWriter) throws {
        targets.removeAll(keepingCapacity: true)
        for (index, base) in rendered.enumerated() {
            targets.append(try target(of: record, in: index, path: base.path, rendered: base.rendering))
        }
        for (index, target) in targets.enumerated() {
            let number: Int, checked: Checked
            switch target {
            case .open(let open, let checkedThere, let finishing):
                if let finishing { try finishVolume(finishing, of: rendered[index].path, to: writer) }
                (number, checked) = (open, checkedThere)
            case .new(let file, let head, let checkedThere, let finishing):
                checked = checkedThere
                if let finishing { try finishVolume(finishing, of: rendered[index].path, to: writer) }
                number = files.count
                files.append(file)
                byPath[file.path] = number
                if !head.isEmpty { try writer.write(head, to: file.path) }
            }
            current[index] = number
            let body: [UInt8]
            do {
                body = try files[number].withRenderer { (renderer) throws(RenderError) in try renderer.add(record, checked) }
            } catch {
                throw OutputError(path: files[number].path, message: "cannot add a checked record: \(error.message)")
            }
            files[number].records += 1
            try writer.write(body, to: files[number].path)
            if let limit = outputs.list[index].maxRecords, files[number].records >= limit {
                try finishVolume(number, of: rendered[index].path, to: writer)
            }
        }
    }

    /// The file of output `index` a record goes to, once that file has checked it; nothing changes.
    private func target(of record: Record, in index: Int, path base: String, rendered: Rendering) throws(RenderError) -> Target {
        var path = volumes.isEmpty ? base : volumes[base].map { Self.volume($0, of: base) } ?? base
        var number = current[index].flatMap { files[$0].path == path ? $0 : nil } ?? byPath[path]
        var finishing: Int?
        if let open = number, files[open].output == index, let renderer = files[open].renderer, !renderer.accepts(record) {
            (finishing, number) = (open, nil)
            path = Self.volume(volumes[base, default: 1] + 1, of: base)
        }
        if let number {
            guard files[number].output == index, let renderer = files[number].renderer else {
                throw RenderError("two outputs write to '\(path)'")
            }
            return .open(number, try renderer.check(record, rendered: rendered), finishing: finishing)
        }
        var renderer = outputs.list[index].renderer.makeFile()
        let head = try renderer.begin()
        let checked = try renderer.check(record, rendered: rendered)
        return .new(OutputFile(path: path, output: index, state: .open(renderer)), head: head, checked, finishing: finishing)
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

    /// Writes every open file's ending (footers, trailers).
    mutating func finish(to writer: OutputWriter) throws {
        for number in files.indices where files[number].renderer != nil {
            try finish(number, to: writer)
        }
    }

    private mutating func finish(_ number: Int, to writer: OutputWriter) throws {
        guard case .open(var renderer) = files[number].state else { return }
        files[number].state = .finished
        do {
            try writer.write(try renderer.finish(), to: files[number].path)
            try writer.close(files[number].path)
        } catch let error as RenderError {
            throw OutputError(path: files[number].path, message: "cannot finish the file: \(error.message)")
        }
    }

    /// The kind and record count of a written file.
    func summary(of path: String) -> (kind: String, records: Int)? {
        byPath[path].map { (outputs.list[files[$0].output].kind, files[$0].records) }
    }
}
