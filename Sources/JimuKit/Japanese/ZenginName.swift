import Foundation

/// Turns an account holder's name into the characters 全銀 files allow (docs/domain.md §3.5):
/// half-width katakana with large kana only, ﾞ ﾟ, A–Z, 0–9, space and `( ) - . , /`.
enum ZenginName {
    /// Why a name cannot be written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// Normalises a name: hiragana and full-width to half-width katakana, lower to upper case,
    /// small kana to large (ｼｮｳｼﾞ → ｼﾖｳｼﾞ), ｦ to ｵ, ヵヶヰヱヮ to ｶｹｲｴﾜ, long vowel and dashes to `-`,
    /// `・` to a space, and the kinds of legal person and office to their abbreviations
    /// (`ZenginAbbreviations`: 株式会社 or カブシキガイシャ → `ｶ)` before, `(ｶ` after, `(ｶ)` inside), also in a
    /// name that is already written in half-width kana.
    /// - Throws: `Failure` naming the first character that has no Zengin form (kanji, for one).
    static func normalise(_ name: String) throws(Failure) -> String {
        abbreviated(isWritten(name) ? name : try spell(name))
    }

    /// The name in the characters 全銀 files allow, one space between words, not yet abbreviated.
    private static func spell(_ name: String) throws(Failure) -> String {
        var text = name
        for entry in termsLongestFirst where text.contains(entry.term) {
            text = text.replacingOccurrences(of: entry.term, with: entry.readings[0])
        }
        text = KanaWidth.halfWidth(String(String.UnicodeScalarView(KanaWidth.katakana(text).unicodeScalars.map { rareKana[$0] ?? $0 })))
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
    /// the bank registered), so that only its abbreviations are left to do.
    private static func isWritten(_ name: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in name.unicodeScalars {
            guard isAllowed(scalar), !(scalar == " " && previous == " ") else { return false }
            previous = scalar
        }
        return previous != " "
    }

    /// The entries by their kanji, longest first (医療法人社団 before 医療法人).
    private static let termsLongestFirst = ZenginAbbreviations.all.sorted { $0.term.count > $1.term.count }

    /// Every reading in its 全銀 form (ｶﾌﾞｼｷｶﾞｲｼﾔ), with its abbreviation, longest first: 社会医療法人 is
    /// abbreviated whole, never as ｼﾔｶｲ(ｲ.
    private static let readings: [(reading: String, abbreviation: String)] = ZenginAbbreviations.all
        .flatMap { entry in entry.readings.map { (try! spell($0), entry.abbreviation) } }
        .sorted { $0.reading.count > $1.reading.count }

    /// Replaces each kind of legal person or office by its abbreviation where it stands: leading
    /// `ｶ)ﾐﾄﾞﾘ`, trailing `ﾐﾄﾞﾘ(ｶ`, inside `ﾐﾄﾞﾘ(ｶ)ﾁﾊﾞ`, without the spaces around it. A name that is
    /// nothing but the kind stays as it is.
    private static func abbreviated(_ name: String) -> String {
        var text = name
        for (reading, abbreviation) in readings {
            while let range = text.range(of: reading) {
                let before = String(text[..<range.lowerBound].reversed().drop { $0 == " " }.reversed())
                let after = String(text[range.upperBound...].drop { $0 == " " })
                if before.isEmpty, after.isEmpty { break }
                text = before.isEmpty ? "\(abbreviation))\(after)"
                    : after.isEmpty ? "\(before)(\(abbreviation)" : "\(before)(\(abbreviation))\(after)"
            }
        }
        return text
    }

    /// Kana no 全銀 file holds, as the banks write them.
    private static let rareKana: [Unicode.Scalar: Unicode.Scalar] = ["ヵ": "カ", "ヶ": "ケ", "ヰ": "イ", "ヱ": "エ", "ヮ": "ワ"]

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
