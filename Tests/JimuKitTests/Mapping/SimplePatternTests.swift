@testable import JimuKit
import Testing

/// The fast matcher of `pattern:` checks must agree with `Regex` wherever it answers.
@Suite struct SimplePatternTests {
    static let patterns = [
        "T[0-9]{13}", "R[0-9]+-[0-9]{5}", "[A-Z]{2}[0-9]+", "[A-Z]{2}\\.[0-9]*", "a?b*c+", "[^0-9]{2,4}", "x{2,}y", ".{3}",
        "[-a-c]+", "[a-c-]+", "P[0-9]{4}", "[0-9]{3}-[0-9]{4}", "\\$[0-9]+", "第[0-9]+号", "[ァ-ヶ]+", "a{0}b", "[a-z0-9_]{1,8}",
    ]
    static let texts = [
        "", "T1234567890123", "T123456789012", "T12345678901234", "R8-90001", "R-90001", "R8-9001", "AB12", "AB", "ab12", "AB.",
        "AB.123", "abbbc", "c", "ac", "bc", "abc ", "xyz", "12", "xy!", "xxy", "xxxxy", "xy", "a\nb", "a\rb", "abc", "-ab-", "P0001",
        "123-4567", "1234567", "$100", "第12号", "アイウ", "b", "ab", "aaaaaaaaa", "snake_case",
    ]

    @Test("the subset it compiles matches exactly as Regex does on ASCII text")
    func agreesWithRegex() throws {
        for pattern in Self.patterns {
            let regex = try Regex(pattern)
            let simple = try #require(SimplePattern(pattern), "\(pattern) should compile")
            for text in Self.texts {
                let expected = (try regex.wholeMatch(in: text)) != nil
                if let answer = simple.wholeMatch(text) {
                    #expect(answer == expected, "\(pattern) on '\(text)'")
                } else {
                    #expect(!text.utf8.allSatisfy { $0 < 0x80 }, "\(pattern) gave no answer on ASCII '\(text)'")
                }
            }
        }
    }

    @Test("anything beyond the subset is left to Regex", arguments: [
        "(ab)+", "a|b", "^a$", "\\d{3}", "\\w+", "[[:alpha:]]", "[a-z&&[^x]]", "a{2", "a+?", "[a", "\\1",
    ])
    func declines(pattern: String) {
        #expect(SimplePattern(pattern) == nil)
    }

    @Test("text that is not ASCII is left to Regex")
    func nonASCII() throws {
        #expect(try #require(SimplePattern("[0-9]+")).wholeMatch("１２３") == nil)
    }

    @Test("character counts agree with String.count, also where scalars join")
    func characterCount() {
        for text in ["", "abc", "支出命令書", "ｶﾞｷﾞ", "ガ", "か\u{3099}", "👍🏽", "🇯🇵", "a\r\nb", "葛\u{E0100}", "ﾃｽﾄ"] {
            #expect(JapaneseText.characterCount(text) == text.count, "\(text)")
        }
    }
}
