import JimuSpec

/// Writes a CSV file from a column layout: RFC 4180 quoting, UTF-8 (optionally with BOM) or CP932,
/// CRLF or LF, and cells that a spreadsheet would run as formulas neutralised with a leading `'`.
struct CSVRenderer: OutputRenderer {
    static let formats = [OutputFormat.csv]

    private let layout: CSVLayout
    private let cells: [TemplateEvaluator]
    private let oneRowPer: TemplateEvaluator?
    private let codec = CP932Codec()
    /// Cells are kept once written when they depend on the run alone (`21`, the run date), or on
    /// one joined row (a payee's name and account, an encumbrance's budget codes): most cells of a
    /// row are then copied, not rendered.
    private let dependences: [TemplateEvaluator.Dependence]
    private var runCells: [[UInt8]?]
    /// The cells that depend on one joined row alone, and per join their bytes by row.
    private let joinCells: JoinGroups
    private var rowCells = RowMemo<KeptCells>()

    /// The bytes of some cells, one after the other.
    private struct KeptCells {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        /// `mutating` though it changes nothing: called in place (`RowMemo.withValue`), it copies no
        /// array, which would retain and release both for every cell.
        mutating func append(_ place: Int, to row: inout [UInt8]) {
            let start = place == 0 ? 0 : ends[place - 1]
            bytes.withUnsafeBufferPointer { row.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[place]])) }
        }
    }

    init(output: OutputSpec, context: RenderContext) throws {
        guard case .csv(let layout) = output.options else { throw ConfigurationError([]) }
        self.layout = layout
        let cells = layout.columns.map { TemplateEvaluator($0.value, schema: context.schema, run: context.run) }
        self.cells = cells
        oneRowPer = layout.oneRowPer.map { TemplateEvaluator($0, schema: context.schema, run: context.run) }
        let dependences = cells.map { $0.dependence(in: context.schema) }
        self.dependences = dependences
        runCells = Array(repeating: nil, count: cells.count)
        joinCells = JoinGroups(dependences.map { if case .join(let join) = $0 { join } else { nil } })
    }

    mutating func render(_ record: Record) throws(RenderError) -> Rendering {
        var row: [UInt8] = []
        row.reserveCapacity(256)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        for index in cells.indices {
            if index > 0 { row.append(0x2C) }
            if case .join(let join) = dependences[index] {
                let joined = record.row(of: join), place = joinCells.places[index]
                if rowCells.withValue(join: join, row: joined, { $0.append(place, to: &row) }) == nil {
                    var cells = try cells(of: join, in: record)
                    cells.append(place, to: &row)
                    rowCells[join: join, row: joined] = cells
                }
            } else if dependences[index] == .run {
                if runCells[index] == nil {
                    var bytes: [UInt8] = []
                    try append(index, of: record, to: &bytes, through: &utf8)
                    runCells[index] = bytes
                }
                row.append(contentsOf: runCells[index]!)
            } else {
                try append(index, of: record, to: &row, through: &utf8)
            }
        }
        row.append(contentsOf: layout.lineEnding.bytes)
        return .bytes(row)
    }

    /// The cells of a record that depend on its row of `join` alone.
    private func cells(of join: Int, in record: Record) throws(RenderError) -> KeptCells {
        var kept = KeptCells()
        var utf8: [UInt8] = []
        for index in joinCells.members[join] {
            try append(index, of: record, to: &kept.bytes, through: &utf8)
            kept.ends.append(kept.bytes.count)
        }
        return kept
    }

    /// Appends a cell of a record, neutralised, quoted and encoded, written first as UTF-8 into `utf8`.
    private func append(_ index: Int, of record: Record, to bytes: inout [UInt8], through utf8: inout [UInt8]) throws(RenderError) {
        utf8.removeAll(keepingCapacity: true)
        appendCell(index, of: record, to: &utf8)
        guard layout.encoding == .cp932 else { return bytes.append(contentsOf: utf8) }
        do { try codec.encode(utf8: utf8, into: &bytes) } catch { throw unrepresentable([(index, cells[index].render(record))]) }
    }

    func makeFile() -> any FileRenderer {
        File(header: layout.header ? Result { () throws(RenderError) in try row(layout.columns.map(\.name)) } : .success([]),
             bom: layout.bom && layout.encoding == .utf8, oneRowPer: oneRowPer)
    }

    /// A CSV file: its header, then the rows as rendered (with `one_row_per`, the first of each value).
    struct File: FileRenderer {
        let header: Result<[UInt8], RenderError>
        let bom: Bool
        let oneRowPer: TemplateEvaluator?
        private var seen: Set<String> = []

        init(header: Result<[UInt8], RenderError>, bom: Bool, oneRowPer: TemplateEvaluator?) {
            (self.header, self.bom, self.oneRowPer) = (header, bom, oneRowPer)
        }

        mutating func begin() throws(RenderError) -> [UInt8] {
            (bom ? [0xEF, 0xBB, 0xBF] : []) + (try header.get())
        }

        mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8] {
            guard let oneRowPer else { return checked.bytes }
            return seen.insert(oneRowPer.render(record)).inserted ? checked.bytes : []
        }

        mutating func finish() throws(RenderError) -> [UInt8] { [] }
    }

    /// Appends a record's cell as UTF-8, neutralised and quoted.
    private func appendCell(_ index: Int, of record: Record, to utf8: inout [UInt8]) {
        let start = utf8.count
        cells[index].appendUTF8(of: record, to: &utf8)
        CSVCell.finish(&utf8, from: start)
    }

    /// One row: cells neutralised and quoted, joined as UTF-8, encoded once, line ending appended.
    private func row(_ values: [String]) throws(RenderError) -> [UInt8] {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(256)
        for (index, value) in values.enumerated() {
            if index > 0 { utf8.append(0x2C) }
            CSVCell.append(value, to: &utf8)
        }
        var row = try encoded(utf8) { Array(values.enumerated()) }
        row.append(contentsOf: layout.lineEnding.bytes)
        return row
    }

    /// UTF-8 in the layout's encoding; `values` gives the cells (column and text) to name the culprit.
    private func encoded(_ utf8: [UInt8], values: () -> [(Int, String)]) throws(RenderError) -> [UInt8] {
        guard layout.encoding == .cp932 else { return utf8 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 2)
        do { try codec.encode(utf8: utf8, into: &bytes) } catch { throw unrepresentable(values()) }
        return bytes
    }

    /// Names the first column whose value CP932 cannot hold.
    private func unrepresentable(_ values: [(column: Int, value: String)]) -> RenderError {
        for (column, value) in values {
            do { _ = try codec.encode(value) } catch {
                guard case .unmappable(let character) = error else { return RenderError("\(error)") }
                return RenderError(
                    "column '\(layout.columns[column].name)': '\(character)' cannot be written in CP932; "
                        + "replace it (e.g. a JIS variant) in the source")
            }
        }
        return RenderError("the row cannot be written in CP932")
    }
}

/// The quoting and formula guard of CSV cells.
enum CSVCell {
    /// Appends a cell, neutralised and quoted, as UTF-8 bytes (the fast path of `quoted(neutralised(_:))`).
    static func append(_ value: String, to bytes: inout [UInt8]) {
        var contiguous = value
        contiguous.withUTF8 { utf8 in
            let quote = needsQuotes(utf8)
            if quote { bytes.append(0x22) }
            if needsGuard(value) { bytes.append(0x27) }
            guard quote else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    /// Neutralises and quotes the cell whose UTF-8 ends `bytes` from `start` on, in place.
    static func finish(_ bytes: inout [UInt8], from start: Int) {
        let (quote, guarded) = bytes.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[start...])
            return (needsQuotes(cell), cell.first.map(startsFormula) ?? false)
        }
        guard quote || guarded else { return }
        let value = String(decoding: bytes[start...], as: UTF8.self)
        guard quote || needsGuard(value) else { return }
        bytes.removeSubrange(start...)
        append(value, to: &bytes)
    }

    /// A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so spreadsheets show it
    /// as text instead of running it; plain numbers such as `-1234` stay numbers.
    static func neutralised(_ value: String) -> String {
        needsGuard(value) ? "'" + value : value
    }

    /// A raw CSV row (as read, in UTF-8 or CP932) with each cell a spreadsheet would run as a
    /// formula given a leading `'`, for a rejects file a clerk opens in Excel. A cell that starts
    /// with `'` and then a formula character or another `'` gets one too, so that a replay of the
    /// file takes exactly one `'` off each cell starting so (`unguarded`) and reads the original.
    /// (A cell starts after a comma or an opening quote; in CP932 neither is ever a trail byte.)
    static func neutralisedRow(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count + 4)
        var index = raw.startIndex
        while index <= raw.endIndex {
            let quoted = index < raw.endIndex && raw[index] == 0x22
            if quoted { result.append(0x22) }
            let contentStart = quoted ? index + 1 : index
            var end = contentStart
            if quoted {
                while end < raw.endIndex {
                    if raw[end] == 0x22 {
                        if end + 1 < raw.endIndex, raw[end + 1] == 0x22 { end += 2; continue }
                        break
                    }
                    end += 1
                }
            } else {
                while end < raw.endIndex, raw[end] != 0x2C { end += 1 }
            }
            let content = raw[contentStart..<min(end, raw.endIndex)]
            if needsGuard(content) { result.append(0x27) }
            result.append(contentsOf: content)
            index = min(end, raw.endIndex)
            if quoted, index < raw.endIndex {
                result.append(0x22)  // the closing quote
                index += 1
            }
            // Whatever stands between a closing quote and the comma is kept as it was.
            while index < raw.endIndex, raw[index] != 0x2C {
                result.append(raw[index])
                index += 1
            }
            guard index < raw.endIndex else { break }
            result.append(0x2C)
            index += 1
        }
        return result
    }

    /// A value read from a rejects file with one guarding `'` taken off (see `neutralisedRow`).
    static func unguarded(_ value: String) -> String {
        var scalars = value.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next(), second.isASCII,
              startsFormula(UInt8(second.value)) || second == "'"
        else { return value }
        return String(value.dropFirst())
    }

    private static func needsGuard(_ content: ArraySlice<UInt8>) -> Bool {
        guard let first = content.first else { return false }
        if first == 0x27 {
            let second = content.dropFirst().first
            return second.map { startsFormula($0) || $0 == 0x27 } ?? false
        }
        return startsFormula(first) && !isPlainNumber(String(decoding: content, as: UTF8.self))
    }

    /// Quotes a cell when it holds a comma, quote, line break or edge spaces.
    static func quoted(_ value: String) -> String {
        guard needsQuotes(value) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func needsGuard(_ value: String) -> Bool {
        guard let first = value.utf8.first, startsFormula(first) else { return false }
        return !isPlainNumber(value)
    }

    /// `=`, `+`, `-`, `@`, tab, CR.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }

    private static func needsQuotes(_ value: String) -> Bool {
        var contiguous = value
        return contiguous.withUTF8(needsQuotes)
    }

    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.first == 0x20 || utf8.last == 0x20 || utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        var body = Substring(value)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return !body.isEmpty && parts.count <= 2
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2C } }
    }
}
