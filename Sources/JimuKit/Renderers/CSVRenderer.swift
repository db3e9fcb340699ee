import JimuSpec

/// Writes a CSV file from a column layout: RFC 4180 quoting, UTF-8 (optionally with BOM) or CP932,
/// CRLF or LF, and cells that a spreadsheet would run as formulas neutralised with a leading `'`.
public struct CSVRenderer: OutputRenderer {
    public static let formats = [OutputFormat.csv]

    private let layout: CSVLayout
    private let cells: [TemplateEvaluator]

    public init(output: OutputSpec, context: RenderContext) throws {
        guard case .csv(let layout) = output.options else { throw ConfigurationError([]) }
        self.layout = layout
        cells = layout.columns.map { TemplateEvaluator($0.value, schema: context.schema, run: context.run) }
    }

    public func makeFile() -> any FileRenderer {
        File(layout: layout, cells: cells)
    }

    struct File: FileRenderer {
        let layout: CSVLayout
        let cells: [TemplateEvaluator]
        let codec = CP932Codec()

        mutating func begin() throws(RenderError) -> [UInt8] {
            var bytes: [UInt8] = layout.bom && layout.encoding == .utf8 ? [0xEF, 0xBB, 0xBF] : []
            if layout.header { try appendRow(layout.columns.map(\.name), to: &bytes) }
            return bytes
        }

        mutating func render(_ record: Record) throws(RenderError) -> [UInt8] {
            var bytes: [UInt8] = []
            try appendRow(cells.map { $0.render(record) }, to: &bytes)
            return bytes
        }

        mutating func finish() throws(RenderError) -> [UInt8] { [] }

        private func appendRow(_ values: [String], to bytes: inout [UInt8]) throws(RenderError) {
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(0x2C) }
                let cell = CSVCell.quoted(CSVCell.neutralised(value))
                switch layout.encoding {
                case .utf8: bytes.append(contentsOf: cell.utf8)
                case .cp932:
                    do { try codec.encode(cell, into: &bytes) } catch {
                        guard case .unmappable(let character) = error else { throw RenderError("\(error)") }
                        throw RenderError(
                            "column '\(layout.columns[index].name)': '\(character)' cannot be written in CP932; "
                                + "replace it (e.g. a JIS variant) in the source")
                    }
                }
            }
            bytes.append(contentsOf: layout.lineEnding.bytes)
        }
    }
}

/// The quoting and formula guard of CSV cells.
public enum CSVCell {
    /// A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so spreadsheets show it
    /// as text instead of running it; plain numbers such as `-1234` stay numbers.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) else { return value }
        if isPlainNumber(value) { return value }
        return "'" + value
    }

    /// Quotes a cell when it holds a comma, quote, line break or edge spaces.
    public static func quoted(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        var body = Substring(value)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return !body.isEmpty && parts.count <= 2
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2C } }
    }
}
