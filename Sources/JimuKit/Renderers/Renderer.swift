import JimuSpec

/// Renders one output of a job, in two parts:
/// - `render(_:)` gives the bytes that depend on the record alone. It is pure: it runs on the reading
///   thread before the record's key is claimed (also for records that turn out to be skipped), or,
///   in a job that numbers its records, on the issuing thread once the record has its number. An
///   error rejects the record (and gives its key and number back).
/// - a `FileRenderer` per output file adds issued records in order and keeps what depends on them
///   all (row counts, trailer totals), writing headers and footers.
///
/// Renderers never touch the disk; the `OutputWriter` does that.
protocol OutputRenderer: Sendable {
    /// The `format:` values this renderer serves.
    static var formats: [OutputFormat] { get }
    /// Prepares the renderer for one output of a job.
    /// - Throws: `ConfigurationError` when a referenced file (template, layout) is unusable.
    init(output: OutputSpec, context: RenderContext) throws
    /// The bytes of one record that depend on it alone. Mutating only to keep what it worked out
    /// for the next records (the same bytes for the same values).
    /// - Throws: `RenderError` when the record cannot be written (it is then rejected).
    mutating func render(_ record: Record) throws(RenderError) -> [UInt8]
    /// Starts one file (an output whose path depends on record fields has several).
    func makeFile() -> any FileRenderer
}

/// The state of one output file. A record goes to a file in two steps: every file the record goes
/// to is first asked whether it takes it (`check`), and only when all do is it added (`add`), so a
/// rejected record leaves no trace and no file state is ever copied.
protocol FileRenderer {
    /// Bytes at the start of the file (a header row).
    mutating func begin() throws(RenderError) -> [UInt8]
    /// Whether the record still fits in this file; when not, the file is finished and the record
    /// starts the next volume (`NAME-2.EXT`), as with `max_records`.
    func accepts(_ record: Record) -> Bool
    /// Why the record cannot be added (it is then rejected); nothing changes.
    func check(_ record: Record, rendered: [UInt8]) throws(RenderError)
    /// Adds a checked record; returns the bytes to write, usually `rendered` itself. It throws only
    /// when the file itself fails (the run then fails).
    mutating func add(_ record: Record, rendered: [UInt8]) throws(RenderError) -> [UInt8]
    /// Bytes at the end of the file (a footer, a trailer with totals).
    mutating func finish() throws(RenderError) -> [UInt8]
}

extension FileRenderer {
    func accepts(_ record: Record) -> Bool { true }
    func check(_ record: Record, rendered: [UInt8]) throws(RenderError) {}
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

    /// Creates an error.
    init(_ message: String) {
        self.message = message
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
