/// A problem found in a job file, a project config or a file they reference.
///
/// Rendered in the compiler format that editors and CI parse:
/// `Jobs/x.yaml:14:13: error: outputs[1].format: unknown format 'pdff' (did you mean 'pdf'?)`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Whether this is an error (fails `jimu check`) or a warning.
    public var severity: Severity
    /// What is wrong, starting in lowercase, user values in single quotes.
    public var message: String
    /// Where in the document, e.g. `outputs[1].format`; empty for the whole file.
    public var keyPath: KeyPath
    /// File, line and column when known.
    public var location: SourceLocation?
    /// What to do about it, when we can tell.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ message: String, at keyPath: KeyPath = KeyPath(),
        location: SourceLocation? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.keyPath = keyPath
        self.location = location
        self.hint = hint
    }

    /// The compiler-style line.
    public var description: String {
        var line = location.map { "\($0): " } ?? ""
        line += "\(severity.rawValue): "
        if !keyPath.isEmpty { line += "\(keyPath): " }
        line += message
        if let hint { line += " (\(hint))" }
        return line
    }
}

/// A position in a text file: 1-based line and column.
public struct SourceLocation: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line, or nil when only the file is known.
    public var line: Int?
    /// 1-based column, or nil.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0)
    }
}

public extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column; diagnostics without a location keep their order at the end.
    func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { left, right in
            switch (left.element.location, right.element.location) {
            case let (l?, r?): return l == r ? left.offset < right.offset : l < r
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return left.offset < right.offset
            }
        }.map(\.element)
    }
}
