import JimuSpec

/// The output files of a run, on the issuing thread: one `OutputFile` per path. Every file a record
/// goes to is asked first whether it takes the record (`check`); only when all do is the record
/// added to them, in place, so a rejected record leaves no trace.
struct OutputFiles {
    /// One file of an output.
    private struct OutputFile {
        enum State {
            /// Taking records.
            case open
            /// Its ending is written: at the end of the run, or at once when it is full
            /// (`max_records`, or a renderer that takes no more). Its renderer is then let go (a
            /// PDF's canvas), replaced by one that holds nothing.
            case finished
        }

        let path: String
        /// The path its output rendered for it: `path` without the volume number.
        let base: String
        let output: Int
        var records = 0
        var state = State.open
        /// Changed in place as records are added (an existential in an array element is not copied).
        var renderer: any FileRenderer
    }

    /// Where a record goes in one output: an open file (`open`), or else the file it starts, in
    /// `started` with its first bytes; and a full file to finish first. Plain numbers, so that
    /// going through the targets copies nothing; what each file checked is kept in `checked`.
    private struct Target {
        var open: Int?
        var finishing: Int?
    }

    private var outputs: Outputs
    private var files: [OutputFile] = []
    private var byPath: [String: Int] = [:]
    /// The volume each path of an output with `max_records` (or a full 全銀 file) is on, when past
    /// the first, and that volume's path.
    private var volumes: [String: (number: Int, path: String)] = [:]
    /// The file each output wrote last: most outputs have one file per run.
    private var current: [Int?]
    /// The targets of the record being added and what each file checked, kept to reuse their memory.
    private var targets: [Target] = []
    private var checked: [Checked] = []
    private var started: [(file: OutputFile, head: [UInt8])] = []

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
        checked.removeAll(keepingCapacity: true)
        started.removeAll(keepingCapacity: true)
        for (index, base) in rendered.enumerated() {
            guard !outputs.list[index].held else {
                targets.append(Target())
                checked.append(.bytes([]))
                continue
            }
            let (target, check) = try target(of: record, in: index, path: base.path, rendered: base.rendering)
            targets.append(target)
            checked.append(check)
        }
        var next = 0
        for index in targets.indices where !outputs.list[index].held {
            if let finishing = targets[index].finishing { try finishVolume(finishing, of: rendered[index].path, to: writer) }
            let number: Int
            if let open = targets[index].open {
                number = open
            } else {
                let (file, head) = started[next]
                next += 1
                number = files.count
                files.append(file)
                byPath[file.path] = number
                if !head.isEmpty { try writer.write(head, to: file.path) }
            }
            current[index] = number
            let body: [UInt8]
            do { body = try files[number].renderer.add(record, checked[index]) } catch {
                throw OutputError(path: files[number].path, message: "cannot add a checked record: \(error.message)")
            }
            files[number].records += 1
            try writer.write(body, to: files[number].path)
            if let limit = outputs.list[index].maxRecords, files[number].records >= limit {
                try finishVolume(number, of: rendered[index].path, to: writer)
            }
        }
    }

    /// The file of output `index` a record goes to, once that file has checked it, and what it
    /// checked; a file it starts is appended to `started`, nothing else changes.
    private mutating func target(of record: Record, in index: Int, path base: String, rendered: Rendering) throws(RenderError) -> (Target, Checked) {
        var path: String
        var number: Int?
        if let last = current[index], files[last].state == .open, files[last].base == base {
            (path, number) = (files[last].path, last)
        } else {
            path = volumes.isEmpty ? base : volumes[base]?.path ?? base
            number = current[index].flatMap { files[$0].path == path ? $0 : nil } ?? byPath[path]
        }
        var finishing: Int?
        if let open = number, files[open].output == index, files[open].state == .open, !files[open].renderer.accepts(record) {
            (finishing, number) = (open, nil)
            path = Self.volume((volumes[base]?.number ?? 1) + 1, of: base)
        }
        if let number {
            guard files[number].output == index, files[number].state == .open else { throw RenderError("two outputs write to '\(path)'") }
            return (Target(open: number, finishing: finishing), try files[number].renderer.check(record, rendered: rendered))
        }
        var renderer = outputs.list[index].renderer.makeFile()
        let head = try renderer.begin()
        let checked = try renderer.check(record, rendered: rendered)
        started.append((OutputFile(path: path, base: base, output: index, renderer: renderer), head))
        return (Target(open: nil, finishing: finishing), checked)
    }

    /// Finishes a full file; the next records for its path go to the next volume.
    private mutating func finishVolume(_ number: Int, of path: String, to writer: OutputWriter) throws {
        try finish(number, to: writer)
        let next = (volumes[path]?.number ?? 1) + 1
        volumes[path] = (next, Self.volume(next, of: path))
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
        for number in files.indices where files[number].state == .open {
            try finish(number, to: writer)
        }
    }

    private mutating func finish(_ number: Int, to writer: OutputWriter) throws {
        guard files[number].state == .open else { return }
        files[number].state = .finished
        do {
            try writer.write(try files[number].renderer.finish(), to: files[number].path)
            try writer.close(files[number].path)
        } catch let error as RenderError {
            throw OutputError(path: files[number].path, message: "cannot finish the file: \(error.message)")
        }
        files[number].renderer = FinishedFile()
    }

    /// The kind and record count of a written file.
    func summary(of path: String) -> (kind: String, records: Int)? {
        byPath[path].map { (outputs.list[files[$0].output].kind, files[$0].records) }
    }
}

/// What a finished file keeps of its renderer: nothing.
private struct FinishedFile: FileRenderer {
    mutating func begin() throws(RenderError) -> [UInt8] { [] }
    mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8] {
        throw RenderError("the file is finished")
    }
    mutating func finish() throws(RenderError) -> [UInt8] { [] }
}
