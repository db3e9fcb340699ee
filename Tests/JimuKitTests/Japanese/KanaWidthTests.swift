import Foundation
@testable import JimuKit
import Testing

@Suite struct KanaWidthTests {
    /// Every character of the kana, CJK punctuation and full-width blocks, one at a time.
    static let characters = [0x3000...0x30FF, 0xFF00...0xFFEF].flatMap { $0.compactMap(Unicode.Scalar.init).map { String($0) } }

    @Test("hiragana and half-width katakana become full-width katakana exactly as ICU's Hiragana-Katakana makes them")
    func katakanaLikeICU() {
        for text in Self.characters + ["ｶﾞ", "ﾊﾟ", "ｳﾞ", "ﾜﾞ", "ｦﾞ", "ｱﾞ", "か\u{3099}", "ｶ\u{3099}", "ゝ\u{3099}", "ｶﾌﾞｼｷｶﾞｲｼｬ ﾏﾙﾏﾙ"] {
            #expect(KanaWidth.katakana(text) == text.applyingTransform(.hiraganaToKatakana, reverse: false), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(KanaWidth.katakana("ｶﾌﾞｼｷｶﾞｲｼｬ").unicodeScalars.count == 8, "voiced marks are joined to their kana")
    }

    @Test("full-width katakana, letters, digits and signs become half-width exactly as ICU's Fullwidth-Halfwidth makes them")
    func halfWidthLikeICU() {
        for text in Self.characters + ["カブシキガイシャ　ＡＢ", "ガ", "ア\u{3099}", "ヸヷヺヴ"] {
            #expect(KanaWidth.halfWidth(text) == text.applyingTransform(.fullwidthToHalfwidth, reverse: false), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(Array(KanaWidth.halfWidth("ガパ").unicodeScalars) == ["ｶ", "ﾞ", "ﾊ", "ﾟ"])
    }
}
