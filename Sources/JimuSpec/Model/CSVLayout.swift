import Foundation
import Yams

/// The column layout of a CSV output, inline in the job or in its own layout file.
public struct CSVLayout: Sendable {
    /// One output column.
    public struct Column: Sendable {
        /// The header cell.
        public var name: String
        /// The cell value.
        public var value: TextTemplate

        /// Creates a column.
        public init(name: String, value: TextTemplate) {
            self.name = name
            self.value = value
        }
    }

    /// The columns in order.
    public var columns: [Column]
    /// The output encoding.
    public var encoding: TextEncoding = .utf8
    /// How lines end.
    public var lineEnding: LineEnding = .crlf
    /// Whether to write a header row.
    public var header = true
    /// Whether to start a UTF-8 file with a byte order mark (Excel needs it to detect UTF-8).
    public var bom = false
    /// When set, a file gets a row only for the first record of each value of this template (one
    /// mailing label per bank branch, however many letters go in its envelope).
    public var oneRowPer: TextTemplate?

    /// A layout with defaults: UTF-8, CRLF, header row, no BOM.
    public init(columns: [Column]) {
        self.columns = columns
    }

    static let layoutKeys = ["version", "columns", "encoding", "line_ending", "header", "bom", "one_row_per"]
    static let outputKeys = ["layout", "columns", "encoding", "line_ending", "header", "bom", "one_row_per"]

    /// Reads the layout of a `format: csv` output: a `layout:` file, inline `columns:`, or both
    /// (the output's own keys override the file's).
    static func read(output map: MappingFields, root: ProjectRoot, reader: SpecReader) -> CSVLayout? {
        var layout: CSVLayout?
        if let node = map["layout"], let file = reader.string(node, at: map.path("layout")) {
            layout = load(file: file, root: root, reader: reader, at: map.path("layout"), node: node)
            if layout == nil { return nil }
        }
        if map["columns"] != nil {
            if layout != nil { reader.error("give either 'layout' or 'columns', not both", at: map.path("columns")) }
            layout = CSVLayout(columns: readColumns(map, reader: reader))
        }
        guard var layout else {
            reader.error("a csv output needs 'layout: FILE' or 'columns:'", at: map.path, node: map.node)
            return nil
        }
        layout.applyOptions(map, reader: reader)
        return layout
    }

    private static func load(file: String, root: ProjectRoot, reader: SpecReader, at path: KeyPath, node: Node)
        -> CSVLayout?
    {
        DocumentReader.referenced(
            file, kind: "layout", root: root, reader: reader, at: path, node: node, allowed: layoutKeys,
            required: ["version", "columns"]
        ) { map, fileReader in
            var layout = CSVLayout(columns: readColumns(map, reader: fileReader))
            layout.applyOptions(map, reader: fileReader)
            return layout
        }
    }

    private static func readColumns(_ map: MappingFields, reader: SpecReader) -> [Column] {
        let columns = reader.list(map["columns"], at: map.path("columns")).compactMap { item -> Column? in
            guard let column = reader.mapping(item.node, at: item.path, allowed: ["name", "value"], required: ["name", "value"]),
                  let name = reader.string(column["name"], at: column.path("name")),
                  let value = reader.template(column["value"], at: column.path("value"))
            else { return nil }
            return Column(name: name, value: value)
        }
        if columns.isEmpty { reader.error("a layout needs at least one column", at: map.path("columns"), node: map.node) }
        return columns
    }

    private mutating func applyOptions(_ map: MappingFields, reader: SpecReader) {
        if let node = map["encoding"], let value = TextEncoding.read(node, at: map.path("encoding"), reader: reader) {
            encoding = value
        }
        if let node = map["line_ending"],
           let value = reader.choice(node, at: map.path("line_ending"), as: LineEnding.self, what: "line ending")
        {
            lineEnding = value
        }
        if let node = map["header"], let value = reader.bool(node, at: map.path("header")) { header = value }
        if let node = map["bom"], let value = reader.bool(node, at: map.path("bom")) { bom = value }
        if let node = map["one_row_per"], let value = reader.template(node, at: map.path("one_row_per")) { oneRowPer = value }
        if bom && encoding == .cp932 { reader.error("'bom' applies to utf-8 only", at: map.path("bom")) }
    }
}
