import JimuSpec

/// A form with its templates compiled against a job's record fields: what `FormRenderer` fills.
final class CompiledForm: Sendable {
    enum Item: Sendable {
        /// A text; `dynamic` is its position among the record's texts, nil for a fixed label.
        case text(id: Int, style: FormSpec.Text, dynamic: Int?, fixed: String)
        case rect(x: Double, y: Double, width: Double, height: Double, line: Double, fill: Double?)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, line: Double, dash: Bool)
    }

    let spec: FormSpec
    let pages: [[Item]]
    /// The templates whose values come from each record, in order.
    let dynamicTexts: [TemplateEvaluator]
    private let dynamicStyles: [(id: Int, style: FormSpec.Text)]
    private let created: String
    private let schema: RecordSchema
    private let run: RunValues
    /// The cover's list line for each record (`list:` on a cover page).
    let listEntry: TemplateEvaluator?
    /// The lines of the cover's list that fit on one page.
    private let listLinesPerPage: Int?

    init(_ spec: FormSpec, schema: RecordSchema, run: RunValues, created: String) {
        self.spec = spec
        var evaluators: [TemplateEvaluator] = []
        var styles: [(Int, FormSpec.Text)] = []
        var nextID = 0
        pages = spec.pages.map { page in
            page.compactMap { item -> Item? in
                switch item {
                case .text(let style):
                    defer { nextID += 1 }
                    let usesFields = style.text.fieldNames.contains { schema.index[$0] != nil }
                    let evaluator = TemplateEvaluator(style.text, schema: schema, run: run)
                    guard usesFields else { return .text(id: nextID, style: style, dynamic: nil, fixed: evaluator.render(nil)) }
                    evaluators.append(evaluator)
                    styles.append((nextID, style))
                    return .text(id: nextID, style: style, dynamic: evaluators.count - 1, fixed: "")
                case .rect(let x, let y, let width, let height, let line, let fill):
                    return .rect(x: x, y: y, width: width, height: height, line: line, fill: fill)
                case .line(let x1, let y1, let x2, let y2, let line, let dash):
                    return .line(x1: x1, y1: y1, x2: x2, y2: y2, line: line, dash: dash)
                case .list:
                    return nil
                }
            }
        }
        dynamicTexts = evaluators
        dynamicStyles = styles
        self.created = created
        (self.schema, self.run) = (schema, run)
        let list = spec.cover.joined().lazy.compactMap { item -> (FormSpec.Text, Int)? in
            if case .list(let style, let columns, let rows, _, _) = item { (style, columns * rows) } else { nil }
        }.first
        listEntry = list.map { TemplateEvaluator($0.0.text, schema: schema, run: run) }
        listLinesPerPage = list?.1
    }

    /// Whether files of this form start with cover pages.
    var hasCover: Bool { !spec.cover.isEmpty }

    /// Draws the cover pages of a file after its records: texts filled from the first record and
    /// the cover values, the list with one line per record, its page repeated while lines remain.
    /// - Returns: the number of pages drawn.
    func drawCover(first: Record, entries: [String], on canvas: PDFCanvas) throws(RenderError) -> Int {
        let listPages = listLinesPerPage.map { max(1, (entries.count + $0 - 1) / $0) } ?? 1
        let total = spec.cover.count - (listLinesPerPage == nil ? 0 : 1) + listPages
        var drawn = 0
        for page in spec.cover {
            for part in 0..<(page.contains(where: \.isList) ? listPages : 1) {
                drawn += 1
                let values = run.adding(["count": String(entries.count), "cover_page": String(drawn), "cover_pages": String(total)])
                for (index, item) in page.enumerated() {
                    let id = Self.coverItemID + index
                    switch item {
                    case .text(let style):
                        let text = TemplateEvaluator(style.text, schema: schema, run: values).render(first)
                        try show(text, id: id, style: style, on: canvas)
                    case .rect(let x, let y, let width, let height, let line, let fill):
                        canvas.rect(x: x, y: y, width: width, height: height, line: line, fill: fill)
                    case .line(let x1, let y1, let x2, let y2, let line, let dash):
                        canvas.line(x1: x1, y1: y1, x2: x2, y2: y2, width: line, dash: dash)
                    case .list(let style, let columns, let rows, let columnWidth, let rowHeight):
                        let lines = entries.dropFirst(part * columns * rows).prefix(columns * rows)
                        for (position, line) in lines.enumerated() {
                            var cell = style
                            cell.x += Double(position / rows) * columnWidth
                            cell.y += Double(position % rows) * rowHeight
                            try show(line, id: id, style: cell, on: canvas)
                        }
                    }
                }
                canvas.endPage()
            }
        }
        return drawn
    }

    /// Item ids of cover pages, apart from those of the record pages.
    private static let coverItemID = 1 << 20

    private func show(_ text: String, id: Int, style: FormSpec.Text, on canvas: PDFCanvas) throws(RenderError) {
        do { canvas.show(try canvas.place(text, item: id, style: style, form: spec)) } catch {
            throw RenderError("'\(text)' ('\(style.text.source)' on the cover of \(spec.file)) \(error.message)")
        }
    }

    /// A new, empty PDF for this form.
    func makeCanvas() -> PDFCanvas {
        PDFCanvas(width: spec.pageWidth, height: spec.pageHeight, title: spec.title, created: created)
    }

    /// A fixed label that does not fit its box, found by laying the labels out once.
    func staticProblem() -> (item: String, message: String)? {
        let canvas = makeCanvas()
        for case .text(let id, let style, nil, let fixed) in pages.joined() {
            do { _ = try canvas.place(fixed, item: id, style: style, form: spec) } catch {
                return (style.keyPath.description, "'\(fixed)' \(error.message)")
            }
        }
        return nil
    }

    /// Lays out a record's texts (as `FormRenderer.render` gives them) and checks that each fits
    /// its box.
    /// - Returns: the laid-out texts, for `draw`.
    func place(_ texts: [String], on canvas: PDFCanvas) throws(RenderError) -> [PDFCanvas.Placed] {
        var placed: [PDFCanvas.Placed] = []
        placed.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            let (item, style) = dynamicStyles[index]
            do { placed.append(try canvas.place(text, item: item, style: style, form: spec)) } catch {
                let name = style.text.fieldNames.first ?? style.text.source
                throw RenderError("\(name) ('\(style.text.source)' on the form \(spec.file)) \(error.message)")
            }
        }
        return placed
    }

    /// Draws the pages of one record.
    func draw(_ placed: [PDFCanvas.Placed], on canvas: PDFCanvas) throws(RenderError) {
        for (index, page) in pages.enumerated() {
            try canvas.paintLayer(index) { () throws(RenderError) in
                for item in page {
                    switch item {
                    case .text(let itemID, let style, nil, let fixed):
                        canvas.show(try canvas.fixedLabel(fixed, item: itemID, style: style, form: spec))
                    case .rect(let x, let y, let width, let height, let line, let fill):
                        canvas.rect(x: x, y: y, width: width, height: height, line: line, fill: fill)
                    case .line(let x1, let y1, let x2, let y2, let line, let dash):
                        canvas.line(x1: x1, y1: y1, x2: x2, y2: y2, width: line, dash: dash)
                    case .text: break
                    }
                }
            }
            for case .text(_, _, let dynamic?, _) in page {
                canvas.show(placed[dynamic])
            }
            canvas.endPage()
        }
        canvas.records += 1
    }
}
