/// Kana conversions, with the results of ICU's `Hiragana-Katakana` and `Fullwidth-Halfwidth`
/// transforms (what `String.applyingTransform` does), in a table instead of ICU: setting up an ICU
/// transliterator takes milliseconds, and every run converts the requester's name of its 全銀 files.
enum KanaWidth {
    /// Hiragana and half-width katakana to full-width katakana, voiced marks joined to their kana:
    /// `かぶしきがいしゃ` and `ｶﾌﾞｼｷｶﾞｲｼｬ` → `カブシキガイシャ`.
    static func katakana(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            for kana in katakana(scalar) {
                if let last = scalars.last, let joined = voiced(last, kana) {
                    scalars[scalars.count - 1] = joined
                } else {
                    scalars.append(kana)
                }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Full-width katakana, letters, digits, signs and spaces to their half-width forms, voiced kana
    /// as kana and mark: `カブシキガイシャ　ＡＢ` → `ｶﾌﾞｼｷｶﾞｲｼｬ AB`. Hiragana and kanji are kept.
    static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            case 0xFFE0...0xFFE6: scalars.append(halfSigns[Int(value - 0xFFE0)])
            case 0x3099: scalars.append(dakuten)
            case 0x309A: scalars.append(handakuten)
            default:
                if let half = halfKana[scalar] {
                    scalars.append(half)
                } else if let (base, mark) = unvoicedForms[scalar], let half = halfKana[base] {
                    scalars.append(half)
                    scalars.append(mark == voicedMark ? dakuten : handakuten)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    // MARK: - Private

    /// Full-width characters in the order of the half-width block U+FF61–FF9F (｡ ｢ ｣ ､ ･ ｦ ｧ … ﾝ ﾞ ﾟ).
    private static let fullForms = Array("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u{3099}\u{309A}".unicodeScalars)
    private static let halfKana = Dictionary(uniqueKeysWithValues: fullForms.enumerated().map { ($1, Unicode.Scalar(0xFF61 + UInt32($0))!) })
    private static let fullKana = Dictionary(uniqueKeysWithValues: halfKana.map { ($1, $0) })
    private static let halfSigns: [Unicode.Scalar] = ["\u{A2}", "\u{A3}", "\u{AC}", "\u{AF}", "\u{A6}", "\u{A5}", "\u{20A9}"]
    private static let (dakuten, handakuten): (Unicode.Scalar, Unicode.Scalar) = ("\u{FF9E}", "\u{FF9F}")
    private static let (voicedMark, semiVoicedMark): (Unicode.Scalar, Unicode.Scalar) = ("\u{3099}", "\u{309A}")

    /// Kana that take ゛, with their voiced forms; ハ行 take ゜ as well.
    private static let voicedForms: [Unicode.Scalar: Unicode.Scalar] = {
        var forms: [Unicode.Scalar: Unicode.Scalar] = [:]
        for kana in "カキクケコサシスセソタチツテトハヒフヘホ".unicodeScalars { forms[kana] = Unicode.Scalar(kana.value + 1)! }
        for (kana, voiced) in zip("ウワヰヱヲヽ".unicodeScalars, "ヴヷヸヹヺヾ".unicodeScalars) { forms[kana] = voiced }
        return forms
    }()
    private static let semiVoicedForms = Dictionary(uniqueKeysWithValues: "ハヒフヘホ".unicodeScalars.map { ($0, Unicode.Scalar($0.value + 2)!) })
    private static let unvoicedForms: [Unicode.Scalar: (Unicode.Scalar, Unicode.Scalar)] = {
        var forms: [Unicode.Scalar: (Unicode.Scalar, Unicode.Scalar)] = [:]
        for (kana, voiced) in voicedForms { forms[voiced] = (kana, voicedMark) }
        for (kana, semiVoiced) in semiVoicedForms { forms[semiVoiced] = (kana, semiVoicedMark) }
        return forms
    }()

    private static func katakana(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar.value {
        case 0x3041...0x3094, 0x309D...0x309E: [Unicode.Scalar(scalar.value + 0x60)!]
        case 0x309F: ["ヨ", "リ"]
        case 0x30FF: ["コ", "ト"]
        default: [fullKana[scalar] ?? scalar]
        }
    }

    private static func voiced(_ kana: Unicode.Scalar, _ mark: Unicode.Scalar) -> Unicode.Scalar? {
        switch mark {
        case voicedMark: voicedForms[kana]
        case semiVoicedMark: semiVoicedForms[kana]
        default: nil
        }
    }
}
