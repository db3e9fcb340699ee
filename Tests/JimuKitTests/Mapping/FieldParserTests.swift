@testable import JimuKit
import JimuSpec
import Testing

@Suite struct FieldParserTests {
    @Test("yen amounts in the forms staff type", arguments: [
        ("1234", 1234), ("1,234", 1234), ("１２３４", 1234), ("１，２３４", 1234), ("￥1,234", 1234), ("¥1234", 1234),
        ("1,234円", 1234), ("△500", -500), ("▲500", -500), ("-500", -500), (" 48,400 ", 48400),
    ])
    func yen(text: String, value: Int) throws {
        #expect(try FieldParser.parse(text, as: .yen).get() == .integer(value))
    }

    @Test("not amounts", arguments: ["12.5", "1,2a", "円", "一千円", "99999999999999999999"])
    func notYen(text: String) {
        guard case .failure(let reason) = FieldParser.parse(text, as: .yen) else {
            Issue.record("'\(text)' was read as an amount")
            return
        }
        #expect(reason.text.hasPrefix("is not an amount in yen"))
    }

    @Test("commas must group digits in threes: nothing is read as another amount", arguments: ["48,4", "4,84", "1,2,3", "1,,234", "1234,", ",123", "12,3456"])
    func badGrouping(text: String) {
        guard case .failure(let reason) = FieldParser.parse(text, as: .yen) else {
            Issue.record("'\(text)' was read as an amount")
            return
        }
        #expect(reason.text == "has commas that do not group its digits in threes; write e.g. 48,400 or 48400")
        #expect((try? FieldParser.parse("1,234,567", as: .yen).get()) == .integer(1_234_567))
    }

    @Test("digits keep leading zeros and fold full width; text is trimmed of full-width spaces too")
    func digitsAndText() throws {
        #expect(try FieldParser.parse("００５", as: .digits).get() == .text("005"))
        guard case .failure(let reason) = FieldParser.parse("12-3", as: .digits) else {
            Issue.record("'12-3' was read as digits")
            return
        }
        #expect(reason.text == "is not made of digits")
        #expect(try FieldParser.parse("\u{3000}山田 太郎 ", as: .text).get() == .text("山田 太郎"))
        #expect(try FieldParser.parse("   ", as: .integer).get() == .empty)
        #expect(try FieldParser.parse("R8.11.30", as: .date).get() == .date(LocalDate(year: 2026, month: 11, day: 30)!))
    }
}
