import Foundation

/// Normalisation of the text Japanese systems export.
public enum JapaneseText {
    /// Removes leading and trailing spaces, tabs, line breaks and full-width spaces (U+3000).
    public static func trim(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isSpace(first) || isSpace(last)
        else { return text }
        let scalars = text.unicodeScalars
        let head = scalars.firstIndex { !isSpace($0) } ?? scalars.endIndex
        let tail = scalars.lastIndex { !isSpace($0) }.map { scalars.index(after: $0) } ?? head
        return head < tail ? String(scalars[head..<tail]) : ""
    }

    /// Full-width digits, letters and signs (U+FF01–FF5E) to ASCII, U+3000 to a space and ￥ to ¥.
    /// Everything else is kept: unlike NFKC this never turns half-width kana or ① into something else,
    /// and it costs nothing for ASCII text.
    public static func foldWidth(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0xFFE5: scalars.append("\u{A5}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Columns a text takes in a terminal: 2 for full-width characters, 1 for ASCII and half-width kana.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0xFF61...0xFF9F).contains($1.value) ? 2 : 1) }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{3000}"
    }
}
