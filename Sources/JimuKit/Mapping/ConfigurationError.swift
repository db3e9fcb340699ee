import JimuSpec

/// A job that cannot run as written (exit 78): the diagnostics say where and why.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, each with its location.
    public var diagnostics: [Diagnostic]

    /// Wraps diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
