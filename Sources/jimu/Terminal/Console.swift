import Foundation
import JimuKit

/// Writes to stdout and stderr without Foundation's buffering surprises. Control characters
/// that reach them from inputs (an ESC sequence in a value) are escaped; line breaks stay.
enum Console {
    /// A line on standard output.
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((PrintableText.escaped(text, keepingLineBreaks: true) + terminator).utf8))
    }

    /// A line on standard error.
    static func error(_ text: String) {
        ProgressLine.erase()
        FileHandle.standardError.write(Data((PrintableText.escaped(text, keepingLineBreaks: true) + "\n").utf8))
    }
}
