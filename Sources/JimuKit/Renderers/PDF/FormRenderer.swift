import JimuSpec

/// Writes `format: pdf` outputs: the pages of a form filled from each issued record.
///
/// The texts of a record are formed on the reading thread; laying out and drawing happen on the
/// issuing thread, where a text that does not fit its box (or cannot be printed) rejects the record
/// before anything of it reaches the page.
struct FormRenderer: OutputRenderer {
    static let formats = [OutputFormat.pdf]

    private let form: CompiledForm

    init(output: OutputSpec, context: RenderContext) throws {
        guard case .pdf(let pdf) = output.options else { throw ConfigurationError([]) }
        let formPath = output.keyPath.appending("form")
        var problems: [Diagnostic] = []
        for family in pdf.form.fonts.sorted() where !InstalledFonts.isInstalled(family) {
            let found = InstalledFonts.families(matching: family).first
            problems.append(Diagnostic(
                .error, "form '\(pdf.form.file)' names font '\(family)', which is not installed (fontconfig would print in '\(found ?? "nothing")')",
                at: formPath, location: context.job.sourceMap[formPath], hint: "apt-get install \(InstalledFonts.package(for: family))"))
        }
        if pdf.form.pages.joined().contains(where: \.isList) || pdf.form.cover.joined().count(where: \.isList) > 1 {
            problems.append(Diagnostic(
                .error, "form '\(pdf.form.file)': a list goes on a cover page, and a cover has at most one", at: formPath,
                location: context.job.sourceMap[formPath], hint: "move the 'list' item into 'cover:'"))
        }
        if !problems.isEmpty { throw ConfigurationError(problems) }
        form = CompiledForm(pdf.form, schema: context.schema, run: context.run, created: context.timestamp)
        if let (item, message) = form.staticProblem() {
            throw ConfigurationError([Diagnostic(
                .error, "form '\(pdf.form.file)' \(item): the text \(message)", at: formPath, location: context.job.sourceMap[formPath])])
        }
    }

    func render(_ record: Record) throws(RenderError) -> Rendering {
        .texts(form.dynamicTexts.map { $0.render(record) })
    }

    func makeFile() -> any FileRenderer {
        File(form: form)
    }

    /// One PDF file: a record's texts are laid out and checked against their boxes (`check`), then
    /// drawn as laid out once every output has taken the record (`add`).
    struct File: FileRenderer {
        let form: CompiledForm
        let canvas: PDFCanvas
        /// For the cover: the file's first record and a list line per record.
        private var first: Record?
        private var entries: [String] = []

        init(form: CompiledForm) {
            self.form = form
            canvas = form.makeCanvas()
        }

        mutating func begin() throws(RenderError) -> [UInt8] { [] }

        func check(_ record: Record, rendered: Rendering) throws(RenderError) -> Checked {
            guard case .texts(let texts) = rendered else { throw RenderError("a PDF form takes a record's texts") }
            return .placed(try form.place(texts, on: canvas))
        }

        mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8] {
            guard case .placed(let placed) = checked else { throw RenderError("a PDF form draws laid-out texts") }
            try form.draw(placed, on: canvas)
            if form.hasCover {
                if first == nil { first = record }
                entries.append(form.listEntry?.render(record) ?? "")
            }
            return canvas.takeBytes()
        }

        mutating func finish() throws(RenderError) -> [UInt8] {
            var coverPages = 0
            if let first { coverPages = try form.drawCover(first: first, entries: entries, on: canvas) }
            try canvas.finish(leading: coverPages)
            return canvas.takeBytes()
        }
    }
}
