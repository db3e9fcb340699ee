import Foundation

/// Writes to stdout and stderr without Foundation's buffering surprises.
enum Console {
    /// A line on standard output.
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    /// A line on standard error.
    static func error(_ text: String) {
        ProgressLine.erase()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
