import JimuSpec

/// Renders the files of one output. Pure: it returns bytes and never touches the disk; the
/// `OutputWriter` does that.
public protocol OutputRenderer: Sendable {
    /// The `format:` values this renderer serves.
    static var formats: [OutputFormat] { get }
    /// Prepares the renderer for one output of a job.
    /// - Throws: `ConfigurationError` when a referenced file (template, layout) is unusable.
    init(output: OutputSpec, context: RenderContext) throws
    /// Starts one file (an output whose path depends on record fields has several).
    func makeFile() -> any FileRenderer
}

/// The bytes of one output file, produced in order.
public protocol FileRenderer {
    /// Bytes at the start of the file (a header row).
    mutating func begin() throws(RenderError) -> [UInt8]
    /// The bytes of one record.
    /// - Throws: `RenderError` when the record cannot be written (the record is then rejected).
    mutating func render(_ record: Record) throws(RenderError) -> [UInt8]
    /// Bytes at the end of the file (a footer, a trailer with totals).
    mutating func finish() throws(RenderError) -> [UInt8]
}

/// What every renderer may use.
public struct RenderContext: Sendable {
    /// The record fields.
    public var schema: RecordSchema
    /// Run values: job, run_id, run_date, run_time, fiscal_year.
    public var run: [String: String]
    /// The project root, for template and layout files.
    public var root: ProjectRoot
    /// The job's source map, for diagnostics.
    public var job: Job
}

/// Why a record could not be rendered.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for the rejects file.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The one list of output formats: adding a format is one renderer type and one line here.
public enum Renderers {
    /// Every renderer, by format.
    public static let all: [any OutputRenderer.Type] = [
        CSVRenderer.self,
        TemplateRenderer.self,
    ]

    /// The renderer for an output.
    public static func make(_ output: OutputSpec, context: RenderContext) throws -> any OutputRenderer {
        guard let type = all.first(where: { $0.formats.contains(output.format) }) else {
            throw ConfigurationError([Diagnostic(.error, "no renderer for format '\(output.format.rawValue)'")])
        }
        return try type.init(output: output, context: context)
    }
}
