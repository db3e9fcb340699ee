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

    /// Full-width digits, letters and signs to ASCII (NFKC), skipped when the text is already ASCII.
    public static func foldWidth(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{3000}"
    }
}
