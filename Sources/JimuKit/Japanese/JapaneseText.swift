import Foundation

/// Normalisation of the text Japanese systems export.
enum JapaneseText {
    /// Removes leading and trailing spaces, tabs, line breaks and full-width spaces (U+3000).
    static func trim(_ text: String) -> String {
        // U+3000 is E3 80 80 in UTF-8: a text that neither starts nor ends with a space byte or
        // such a sequence is returned without looking at its characters (the usual case).
        guard let first = text.utf8.first, let last = text.utf8.last,
              isSpace(Unicode.Scalar(first)) || first == 0xE3 || isSpace(Unicode.Scalar(last)) || last == 0x80
        else { return text }
        let scalars = text.unicodeScalars
        let head = scalars.firstIndex { !isSpace($0) } ?? scalars.endIndex
        let tail = scalars.lastIndex { !isSpace($0) }.map { scalars.index(after: $0) } ?? head
        return head < tail ? String(scalars[head..<tail]) : ""
    }

    /// Full-width digits, letters and signs (U+FF01–FF5E) to ASCII, U+3000 to a space and ￥ to ¥.
    /// Everything else is kept: unlike NFKC this never turns half-width kana or ① into something else,
    /// and it costs nothing for ASCII text.
    static func foldWidth(_ text: String) -> String {
        if text.utf8.withContiguousStorageIfAvailable({ !$0.contains { $0 >= 0x80 } }) ?? text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text
        }
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

    /// The number of characters (grapheme clusters) of a text, as `count` gives, without grapheme
    /// breaking when no scalar can join its neighbour (combining marks, the half-width ﾞ ﾟ,
    /// variation selectors, joiners, regional indicators, Hangul jamo).
    static func characterCount(_ text: String) -> Int {
        var scalars = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D, 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x1AFF, 0x1DC0...0x1DFF, 0x200C...0x200D,
                0x20D0...0x20FF, 0x302A...0x302F, 0x3099...0x309A, 0xA960...0xA97F, 0xD7B0...0xD7FF, 0xFE00...0xFE0F,
                0xFE20...0xFE2F, 0xFF9E...0xFF9F, 0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF, 0xE0000...0xE0FFF:
                return text.count
            default: scalars += 1
            }
        }
        return scalars
    }

    /// Columns a text takes in a terminal: 2 for full-width characters, 1 for ASCII and half-width kana.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0xFF61...0xFF9F).contains($1.value) ? 2 : 1) }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{3000}"
    }
}
