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

@Suite struct TemplateEvaluatorTests {
    let schema = RecordSchema(names: ["due", "amount", "name"], types: [.date, .yen, .text], personal: [false, false, true])

    func record() -> Record {
        Record(
            schema: schema, values: [.date(LocalDate(year: 2019, month: 5, day: 1)!), .integer(1_234_567), .text("山田/../太郎")],
            location: RecordLocation(file: "x", line: 1, index: 1))
    }

    @Test("transforms format dates, amounts and masked names")
    func transforms() throws {
        let template = try TextTemplate(parsing: "{{wareki(due)}}|{{wareki_short(due)}}|{{yyyymmdd(due)}}|{{yen(amount)}}|{{comma(amount)}}|{{mask(name)}}|{{fiscal_year(due)}}|{{job}}")
        let text = TemplateEvaluator(template, schema: schema, run: ["job": "j"]).render(record())
        #expect(text == "令和元年5月1日|R1.5.1|20190501|￥1,234,567|1,234,567|山***|2019|j")
    }

    @Test("values in output paths cannot add folders or climb out")
    func pathEscape() throws {
        let template = try TextTemplate(parsing: "out/{{name}}.csv")
        let path = TemplateEvaluator(template, schema: schema, run: [:], escape: PathValue.escape).render(record())
        #expect(path == "out/山田_.._太郎.csv")
        #expect(PathValue.escape("..") == "_.")
        #expect(PathValue.escape("") == "_")
    }
}
