import Foundation
import Yams

/// A printed form (`Jobs/forms/*.yaml`): page size, fonts, and the items of each page, placed in
/// millimetres from the top-left corner. One record prints `pages` in order; a file may start with
/// `cover` pages that summarise its records.
///
/// ```yaml
/// version: 1
/// title: 支出命令書
/// font: IPAexMincho
/// size: 10
/// pages:
///   - - { text: 支出命令書, x: 105, y: 14, size: 20, align: center, font: IPAexGothic }
///     - { rect: [15, 30, 180, 24] }
///     - { line: [15, 42, 195, 42], width: 0.3 }
///     - { text: "{{yen(amount)}}", x: 120, y: 33, width: 70, align: right, shrink: true }
///     - { text: "{{subject}}", x: 20, y: 60, width: 170, height: 12, wrap: true }
/// ```
public struct FormSpec: Sendable {
    /// How text sits in its box.
    public enum Alignment: String, Sendable, CaseIterable {
        case left, center, right
    }

    /// How text sits vertically in a box of fixed height.
    public enum VerticalAlignment: String, Sendable, CaseIterable {
        case top, middle, bottom
    }

    /// Text placed on the page; a template of record (or file) values.
    public struct Text: Sendable {
        public var text: TextTemplate
        /// Top-left corner in mm.
        public var x: Double
        public var y: Double
        /// The box width in mm: alignment, shrinking and wrapping happen within it.
        public var width: Double?
        /// The box height in mm, for wrapped text.
        public var height: Double?
        public var align: Alignment = .left
        public var valign: VerticalAlignment = .top
        /// Font family, e.g. IPAexMincho; the form's font when absent.
        public var font: String?
        /// Size in points; the form's size when absent.
        public var size: Double?
        /// Shrink the font (down to `minSize`) until the text fits the box.
        public var shrink = false
        /// Wrap the text onto further lines within the box.
        public var wrap = false
        /// The smallest size shrinking may reach.
        public var minSize = 6.0
        /// Where the item is declared.
        public var keyPath: KeyPath
    }

    /// One item on a page.
    public enum Item: Sendable {
        case text(Text)
        /// A rectangle `x, y, width, height` in mm, stroked with a line width in mm.
        case rect(x: Double, y: Double, width: Double, height: Double, line: Double, fill: Double?)
        /// A straight line from `x1, y1` to `x2, y2` in mm.
        case line(x1: Double, y1: Double, x2: Double, y2: Double, line: Double, dash: Bool)
        /// A cover-page list: `text` for each record of the file, flowing down `columns` columns
        /// of `rows` lines from `x, y`, over further pages when needed.
        case list(Text, columns: Int, rows: Int, columnWidth: Double, rowHeight: Double)

        /// Whether the item is a `list`.
        public var isList: Bool {
            if case .list = self { true } else { false }
        }
    }

    /// The form's name, written into the PDF's title.
    public var title: String
    /// Page size in mm (A4 by default).
    public var pageWidth = 210.0
    public var pageHeight = 297.0
    /// Default font family and size (points).
    public var font = "IPAexMincho"
    public var size = 10.0
    /// The pages printed for each record.
    public var pages: [[Item]]
    /// Pages printed once at the start of each file, with the file's values.
    public var cover: [[Item]] = []
    /// The file the form was read from, for diagnostics.
    public var file: String

    /// Every font family the form names.
    public var fonts: Set<String> {
        var names: Set<String> = [font]
        for item in (pages + cover).joined() {
            switch item {
            case .text(let text), .list(let text, _, _, _, _): if let name = text.font { names.insert(name) }
            default: break
            }
        }
        return names
    }

    /// Values a cover page may use besides the fields of the file's first record.
    /// `count`: the records in the file; `cover_page`, `cover_pages`: this cover page and how many
    /// there are (a long list goes on over several).
    public static let coverValues: Set<String> = ["count", "cover_page", "cover_pages"]

    /// Every text template with where it is declared, and whether it is on a cover page.
    public var templates: [(template: TextTemplate, item: KeyPath, cover: Bool)] {
        func texts(_ pages: [[Item]], cover: Bool) -> [(TextTemplate, KeyPath, Bool)] {
            pages.joined().compactMap { item in
                switch item {
                case .text(let text), .list(let text, _, _, _, _): (text.text, text.keyPath, cover)
                default: nil
                }
            }
        }
        return texts(pages, cover: false) + texts(cover, cover: true)
    }

    static let keys = ["version", "title", "page", "font", "size", "pages", "cover"]
    static let textKeys = ["text", "x", "y", "width", "height", "align", "valign", "font", "size", "shrink", "wrap", "min_size"]

    /// Reads a form file, reporting its problems (located in the form file) to `reader`.
    public static func load(file: String, root: ProjectRoot, reader: SpecReader, at path: KeyPath, node: Node) -> FormSpec? {
        DocumentReader.referenced(
            file, kind: "form", root: root, reader: reader, at: path, node: node, allowed: keys,
            required: ["version", "title", "pages"]
        ) { map, fileReader in
            var form = FormSpec(title: fileReader.string(map["title"], at: map.path("title")) ?? "", pages: [], file: file)
            if let page = map["page"] { form.readPage(page, at: map.path("page"), reader: fileReader) }
            if let font = map["font"].flatMap({ fileReader.string($0, at: map.path("font")) }) { form.font = font }
            if let size = map["size"].flatMap({ fileReader.number($0, at: map.path("size")) }) { form.size = size }
            form.pages = readPages(map["pages"], at: map.path("pages"), reader: fileReader)
            form.cover = readPages(map["cover"], at: map.path("cover"), reader: fileReader)
            if form.pages.isEmpty { fileReader.error("a form needs at least one page", at: map.path("pages"), node: map.node) }
            return form
        }
    }

    private mutating func readPage(_ node: Node, at path: KeyPath, reader: SpecReader) {
        if let name = node.scalar?.string {
            switch name.uppercased() {
            case "A4": (pageWidth, pageHeight) = (210, 297)
            case "A3": (pageWidth, pageHeight) = (297, 420)
            case "B5": (pageWidth, pageHeight) = (182, 257)
            default: reader.error("unknown page size '\(name)'", at: path, node: node, hint: "A4, A3, B5 or { width: 210, height: 297 }")
            }
            return
        }
        guard let map = reader.mapping(node, at: path, allowed: ["width", "height"], required: ["width", "height"]) else { return }
        pageWidth = reader.number(map["width"], at: map.path("width")) ?? pageWidth
        pageHeight = reader.number(map["height"], at: map.path("height")) ?? pageHeight
    }

    private static func readPages(_ node: Node?, at path: KeyPath, reader: SpecReader) -> [[Item]] {
        reader.list(node, at: path).map { page in
            reader.list(page.node, at: page.path).compactMap { readItem($0.node, at: $0.path, reader: reader) }
        }
    }

    private static func readItem(_ node: Node, at path: KeyPath, reader: SpecReader) -> Item? {
        guard case .mapping(let mapping) = node else {
            reader.error("expected a form item: { text: … }, { rect: […] }, { line: […] } or { list: … }", at: path, node: node)
            return nil
        }
        let kinds = mapping.keys.compactMap(\.scalar?.string).filter { ["text", "rect", "line", "list"].contains($0) }
        guard kinds.count == 1, let kind = kinds.first else {
            reader.error("a form item needs exactly one of 'text', 'rect', 'line' or 'list'", at: path, node: node)
            return nil
        }
        switch kind {
        case "rect", "line":
            guard let map = reader.mapping(node, at: path, allowed: [kind, "width", "fill", "dash"], required: [kind]) else { return nil }
            let numbers = reader.list(map[kind], at: map.path(kind)).compactMap { reader.number($0.node, at: $0.path) }
            guard numbers.count == 4 else {
                reader.error("'\(kind)' takes four numbers in mm: \(kind == "rect" ? "[x, y, width, height]" : "[x1, y1, x2, y2]")", at: map.path(kind), node: map[kind])
                return nil
            }
            let line = map["width"].flatMap { reader.number($0, at: map.path("width")) } ?? 0.25
            if kind == "rect" {
                let fill = map["fill"].flatMap { reader.number($0, at: map.path("fill")) }
                if let fill, fill > 1 { reader.error("'fill' is a grey level from 0 (black) to 1 (white)", at: map.path("fill")) }
                return .rect(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3], line: line, fill: fill)
            }
            let dash = map["dash"].flatMap { reader.bool($0, at: map.path("dash")) } ?? false
            return .line(x1: numbers[0], y1: numbers[1], x2: numbers[2], y2: numbers[3], line: line, dash: dash)
        case "list":
            let listKeys = ["list", "columns", "rows", "column_width", "row_height"] + textKeys.filter { $0 != "text" }
            guard let map = reader.mapping(node, at: path, allowed: listKeys, required: ["list", "x", "y", "rows", "row_height"]),
                  var text = readText(map, key: "list", reader: reader)
            else { return nil }
            text.shrink = true
            let columns = map["columns"].flatMap { reader.int($0, at: map.path("columns"), in: 1...20) } ?? 1
            let rows = reader.int(map["rows"], at: map.path("rows"), in: 1...200) ?? 1
            let rowHeight = reader.number(map["row_height"], at: map.path("row_height")) ?? 5
            let columnWidth = map["column_width"].flatMap { reader.number($0, at: map.path("column_width")) } ?? (text.width ?? 40)
            if text.width == nil { text.width = columnWidth }
            return .list(text, columns: columns, rows: rows, columnWidth: columnWidth, rowHeight: rowHeight)
        default:
            guard let map = reader.mapping(node, at: path, allowed: textKeys, required: ["text", "x", "y"]),
                  let text = readText(map, key: "text", reader: reader)
            else { return nil }
            return .text(text)
        }
    }

    private static func readText(_ map: MappingFields, key: String, reader: SpecReader) -> Text? {
        guard let template = reader.template(map[key], at: map.path(key)),
              let x = reader.number(map["x"], at: map.path("x")),
              let y = reader.number(map["y"], at: map.path("y"))
        else { return nil }
        var text = Text(text: template, x: x, y: y, keyPath: map.path)
        text.width = map["width"].flatMap { reader.number($0, at: map.path("width")) }
        text.height = map["height"].flatMap { reader.number($0, at: map.path("height")) }
        text.align = map["align"].flatMap { reader.choice($0, at: map.path("align"), as: Alignment.self, what: "alignment") } ?? .left
        text.valign = map["valign"].flatMap { reader.choice($0, at: map.path("valign"), as: VerticalAlignment.self, what: "alignment") } ?? .top
        text.font = map["font"].flatMap { reader.string($0, at: map.path("font")) }
        text.size = map["size"].flatMap { reader.number($0, at: map.path("size")) }
        text.shrink = map["shrink"].flatMap { reader.bool($0, at: map.path("shrink")) } ?? false
        text.wrap = map["wrap"].flatMap { reader.bool($0, at: map.path("wrap")) } ?? false
        text.minSize = map["min_size"].flatMap { reader.number($0, at: map.path("min_size")) } ?? 6
        if (text.shrink || text.wrap || text.align != .left) && text.width == nil {
            reader.error("'shrink', 'wrap' and 'align' need the box 'width'", at: map.path, node: map.node)
        }
        if text.wrap && text.height == nil {
            reader.error("'wrap' needs the box 'height' (text that does not fit is never cut off)", at: map.path, node: map.node)
        }
        return text
    }
}

/// A `format: pdf` output: a form filled once per record.
public struct PDFOutput: Sendable {
    /// The form, read from `form:`.
    public var form: FormSpec

    static let keys = ["form"]

    /// Creates an output of a form.
    public init(form: FormSpec) {
        self.form = form
    }

    static func read(_ map: MappingFields, root: ProjectRoot, reader: SpecReader) -> PDFOutput? {
        guard let node = map["form"], let file = reader.string(node, at: map.path("form")) else {
            reader.error("a pdf output needs 'form: FILE' (a form in Jobs/forms/)", at: map.path, node: map.node)
            return nil
        }
        return FormSpec.load(file: file, root: root, reader: reader, at: map.path("form"), node: node).map { PDFOutput(form: $0) }
    }
}
