import Foundation

/// Turns an account holder's name into the characters 全銀 files allow (docs/domain.md §3.5):
/// half-width katakana with large kana only, ﾞ ﾟ, A–Z, 0–9, space and `( ) - . , /`.
enum ZenginName {
    /// Why a name cannot be written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// Normalises a name: hiragana and full-width to half-width katakana, lower to upper case,
    /// small kana to large (ｼｮｳｼﾞ → ｼﾖｳｼﾞ), ｦ to ｵ, long vowel and dashes to `-`, `・` to a space, and the
    /// legal-entity words to their abbreviations (カブシキガイシャ → `ｶ)` before, `(ｶ` after, `(ｶ)` inside).
    /// - Throws: `Failure` naming the first character that has no Zengin form (kanji, for one).
    static func normalise(_ name: String) throws(Failure) -> String {
        if isWritten(name) { return name }
        let text = KanaWidth.halfWidth(abbreviateEntities(KanaWidth.katakana(name)))
        var result = ""
        for scalar in text.unicodeScalars {
            if let large = largeKana[scalar] {
                result.unicodeScalars.append(large)
            } else if "ｰ－—‐−ー~～".unicodeScalars.contains(scalar) {
                result += "-"
            } else if "・･".unicodeScalars.contains(scalar) {
                result += " "
            } else if scalar.isASCII, ("a"..."z").contains(Character(scalar)) {
                result += String(Character(scalar)).uppercased()
            } else if isAllowed(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                throw Failure(description: "'\(Character(scalar))' in '\(name)' cannot be written in a 全銀 file; give the name in katakana")
            }
        }
        return result.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Whether a name is already in its 全銀 form (the usual case: payee masters keep the kana name
    /// the bank registered), so the transforms can be skipped.
    private static func isWritten(_ name: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in name.unicodeScalars {
            guard isAllowed(scalar), !(scalar == " " && previous == " ") else { return false }
            previous = scalar
        }
        return previous != " "
    }

    private static let entities: [(word: String, abbreviation: String)] = [
        ("カブシキガイシャ", "ｶ"), ("カブシキカイシャ", "ｶ"), ("ユウゲンガイシャ", "ﾕ"), ("ゴウドウガイシャ", "ﾄﾞ"),
        ("ゴウメイガイシャ", "ﾒ"), ("ゴウシガイシャ", "ｼ"), ("イリヨウホウジン", "ｲ"), ("イリョウホウジン", "ｲ"),
        ("シヤカイフクシホウジン", "ﾌｸ"), ("シャカイフクシホウジン", "ﾌｸ"), ("イツパンシヤダンホウジン", "ｼﾔ"),
        ("イッパンシャダンホウジン", "ｼﾔ"), ("トクテイヒエイリカツドウホウジン", "ﾄｸﾋ"), ("ガツコウホウジン", "ｶﾞｸ"),
        ("ガッコウホウジン", "ｶﾞｸ"),
    ]

    private static func abbreviateEntities(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "　", with: " ")
        for (word, abbreviation) in entities {
            if text.hasPrefix(word) {
                text = abbreviation + ")" + text.dropFirst(word.count).drop { $0 == " " }
            } else if text.hasSuffix(word) {
                text = String(text.dropLast(word.count).reversed().drop { $0 == " " }.reversed()) + "(" + abbreviation
            } else if text.contains(word) {
                text = text.replacingOccurrences(of: word, with: "(" + abbreviation + ")")
            }
        }
        return text
    }

    private static let largeKana: [Unicode.Scalar: Unicode.Scalar] = [
        "ｧ": "ｱ", "ｨ": "ｲ", "ｩ": "ｳ", "ｪ": "ｴ", "ｫ": "ｵ", "ｬ": "ﾔ", "ｭ": "ﾕ", "ｮ": "ﾖ", "ｯ": "ﾂ",
        "ｦ": "ｵ",  // some banks refuse ｦ; ｵ is how they write it
    ]

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFF71...0xFF9F: true
        case 0x30...0x39, 0x41...0x5A: true
        default: " ().,-/".unicodeScalars.contains(scalar)
        }
    }
}
