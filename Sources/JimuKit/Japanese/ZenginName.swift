import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns an account holder's name into the characters 全銀 files allow (docs/domain.md §3.5):
/// half-width katakana with large kana only, ﾞ ﾟ, A–Z, 0–9, space and `( ) - . , /`.
enum ZenginName {
    /// Why a name cannot be written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
        /// The same without the name, for a name that is personal data.
        var withoutName: String?
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
        // Terms in kanji (株式会社) become their reading; a name without kanji, most, has none.
        if name.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
            for entry in termsLongestFirst where text.contains(entry.term) {
                text = text.replacingOccurrences(of: entry.term, with: entry.readings[0])
            }
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
                throw Failure(
                    description: "'\(Character(scalar))' in '\(name)' cannot be written in a 全銀 file; give the name in katakana",
                    withoutName: "the account holder's name has a character that cannot be written in a 全銀 file (kanji, for one); give the name in katakana")
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

    /// Every reading in its 全銀 form (ｶﾌﾞｼｷｶﾞｲｼﾔ, as UTF-8), with its abbreviation, longest first:
    /// 社会医療法人 is abbreviated whole, never as ｼﾔｶｲ(ｲ.
    private static let readings: [(reading: [UInt8], abbreviation: [UInt8])] = ZenginAbbreviations.all
        .flatMap { entry in entry.readings.map { (Array(try! spell($0).utf8), Array(entry.abbreviation.utf8)) } }
        .sorted { $0.reading.count > $1.reading.count }

    /// Parts every reading holds one of (ﾎｳｼﾞﾝ of 法人, ｲｼﾔ of 会社, ﾖｳｼ of 営業所 and 出張所): a name with
    /// none of them, most names, is looked through three times instead of once per reading.
    private static let fragments = ["ﾎｳｼﾞﾝ", "ｲｼﾔ", "ﾖｳｼ"].map { Array($0.utf8) }

    /// Replaces each kind of legal person or office by its abbreviation where it stands: leading
    /// `ｶ)ﾐﾄﾞﾘ`, trailing `ﾐﾄﾞﾘ(ｶ`, inside `ﾐﾄﾞﾘ(ｶ)ﾁﾊﾞ`, without the spaces around it. A name that is
    /// nothing but the kind stays as it is.
    private static func abbreviated(_ name: String) -> String {
        var bytes = Array(name.utf8)
        guard fragments.contains(where: { offset(of: $0, in: bytes) != nil }) else { return name }
        let space: UInt8 = 0x20
        for (reading, abbreviation) in readings {
            while let offset = offset(of: reading, in: bytes) {
                var before = bytes[..<offset], after = bytes[(offset + reading.count)...]
                while before.last == space { before.removeLast() }
                while after.first == space { after.removeFirst() }
                if before.isEmpty, after.isEmpty { break }
                var joined = Array(before)
                if !before.isEmpty { joined.append(0x28) }  // (
                joined += abbreviation
                if !after.isEmpty { joined.append(0x29) }  // )
                joined += after
                bytes = joined
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where `needle` first stands in `bytes`. (A half-width kana is 3 bytes in UTF-8, all starting
    /// 0xEF: candidates are found by the needle's third byte, the first that tells kana apart.)
    private static func offset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        let probe = min(2, needle.count - 1)
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                var start = 0
                while start + needle.count <= haystack.count {
                    if haystack[start + probe] == needle[probe], memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                        return start
                    }
                    start += 1
                }
                return nil
            }
        }
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
