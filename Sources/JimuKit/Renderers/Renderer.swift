import JimuSpec

/// Renders one output of a job, in two parts:
/// - `render(_:)` gives what of a record depends on it alone. It is pure: it runs on the reading
///   thread before the record's key is claimed (also for records that turn out to be skipped), or,
///   in a job that numbers its records, on the issuing thread once the record has its number. Its
///   outcome counts only once the record is claimed: an error then rejects the record (and gives
///   its key and number back).
/// - a `FileRenderer` per output file takes issued records in order and keeps what depends on them
///   all (row counts, trailer totals), writing headers and footers.
///
/// Renderers never touch the disk; the `OutputWriter` does that.
protocol OutputRenderer: Sendable {
    /// The `format:` values this renderer serves.
    static var formats: [OutputFormat] { get }
    /// Prepares the renderer for one output of a job.
    /// - Throws: `ConfigurationError` when a referenced file (template, layout) is unusable.
    init(output: OutputSpec, context: RenderContext) throws
    /// What of one record depends on it alone. Mutating only to keep what it worked out for the
    /// next records (the same bytes for the same values).
    /// - Throws: `RenderError` when the record cannot be written (it is then rejected).
    mutating func render(_ record: Record) throws(RenderError) -> Rendering
    /// Starts one file (an output whose path depends on record fields has several).
    func makeFile() -> any FileRenderer
}

/// A record rendered for one output, on its way to the file.
enum Rendering: Sendable, Equatable {
    /// Bytes written as they are: a CSV row, a 全銀 data record, an HTML fragment.
    case bytes([UInt8])
    /// A form's texts, in the form's order, laid out by the file (PDF).
    case texts([String])
}

/// What a file worked out when it checked a record, for `add` to write or draw.
enum Checked {
    /// Bytes to write (usually the record's rendering itself).
    case bytes([UInt8])
    /// A form's texts laid out on the file's canvas, each fitting its box; valid until the file
    /// checks another record (a record is checked by every file, then added to every file).
    case placed([PDFCanvas.Placed])
}

/// The state of one output file. A record goes to a file in two steps: every file the record goes
/// to is first asked whether it takes it (`check`, which changes nothing the file will write), and
/// only when all do is it added (`add`), so a rejected record leaves no trace and no file state is
/// ever copied.
protocol FileRenderer {
    /// Bytes at the start of the file (a header row).
    mutating func begin() throws(RenderError) -> [UInt8]
    /// Whether the record still fits in this file; when not, the file is finished and the record
    /// starts the next volume (`NAME-2.EXT`), as with `max_records`.
    func accepts(_ record: Record) -> Bool
    /// What `add` needs of the record, or why it cannot be added (it is then rejected).
    func check(_ record: Record, rendered: Rendering) throws(RenderError) -> Checked
    /// Adds a checked record; returns the bytes to write. It throws only when the file itself
    /// fails (the run then fails).
    mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8]
    /// Bytes at the end of the file (a footer, a trailer with totals).
    mutating func finish() throws(RenderError) -> [UInt8]
}

extension FileRenderer {
    func accepts(_ record: Record) -> Bool { true }

    func check(_ record: Record, rendered: Rendering) throws(RenderError) -> Checked {
        try Self.bytes(of: rendered)
    }

    /// A rendering of bytes, as checked.
    static func bytes(of rendered: Rendering) throws(RenderError) -> Checked {
        guard case .bytes(let bytes) = rendered else { throw RenderError("a \(Self.self) takes bytes, not a form's texts") }
        return .bytes(bytes)
    }
}

extension Checked {
    /// The bytes to write; empty for laid-out texts (a PDF draws them).
    var bytes: [UInt8] {
        if case .bytes(let bytes) = self { bytes } else { [] }
    }
}

/// What every renderer may use.
struct RenderContext: Sendable {
    /// The record fields.
    var schema: RecordSchema
    /// Run values: job, run_id, run_date, run_time, fiscal_year.
    var run: RunValues
    /// The project root, for template and layout files.
    var root: ProjectRoot
    /// The job's source map, for diagnostics.
    var job: Job
    /// The 振込依頼人 of `jimu.yaml`, for 全銀 outputs.
    var zengin: ZenginRequester? = nil
    /// When the run started, ISO 8601 in UTC (`2026-11-21T07:30:00Z`), for document metadata.
    var timestamp = ""
}

/// Why a record could not be rendered.
struct RenderError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for the rejects file.
    var message: String
    /// What is wrong without the personal value it concerns, when it quotes one.
    var masked: String?

    /// Creates an error.
    init(_ message: String, masked: String? = nil) {
        self.message = message
        self.masked = masked
    }

    var description: String { message }
}

/// The one list of output formats: adding a format is one renderer type and one line here.
enum Renderers {
    /// Every renderer, by format.
    static let all: [any OutputRenderer.Type] = [
        CSVRenderer.self,
        TemplateRenderer.self,
        ZenginRenderer.self,
        FormRenderer.self,
    ]

    /// The renderer for an output.
    static func make(_ output: OutputSpec, context: RenderContext) throws -> any OutputRenderer {
        guard let type = all.first(where: { $0.formats.contains(output.format) }) else {
            throw ConfigurationError([Diagnostic(.error, "no renderer for format '\(output.format.rawValue)'")])
        }
        return try type.init(output: output, context: context)
    }
}
