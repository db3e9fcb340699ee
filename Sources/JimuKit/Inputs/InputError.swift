/// An input that cannot be read at all; the run fails and nothing is issued.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The file, as shown to users.
    public var file: String
    /// The line, when the problem has one.
    public var line: Int?
    /// What is wrong.
    public var message: String
    /// What to do.
    public var hint: String?
    /// Whether the input is missing (exit 66); otherwise it exists but cannot be read as the job
    /// says (exit 65).
    public var missing: Bool

    /// Creates an input error.
    public init(file: String, line: Int? = nil, _ message: String, hint: String? = nil, missing: Bool = false) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
        self.missing = missing
    }

    public var description: String {
        var text = file + (line.map { ":\($0)" } ?? "") + ": error: " + message
        if let hint { text += " (\(hint))" }
        return text
    }
}
