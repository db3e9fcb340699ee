/// Text from inputs made safe to print for people: control characters (a line break that would
/// forge a log line, an ESC sequence that would drive the terminal) and the bidirectional
/// overrides that reorder what a screen shows are written as escapes, `\n`, `\u{1B}`.
public enum PrintableText {
    /// The text with every such character escaped; line breaks too unless `keepingLineBreaks`
    /// (a message of several lines Jimu wrote itself).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
        var result = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            // CRLF is a line break too (a CSV report on stdout); a lone CR would overwrite the line.
            let crlf = keepingLineBreaks && scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            guard needsEscape(scalar, keepingLineBreaks), !crlf else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !keepingLineBreaks
        case 0x09 where keepingLineBreaks: false
        case 0x00..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
