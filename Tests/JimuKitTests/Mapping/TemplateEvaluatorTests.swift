@testable import JimuKit
import JimuSpec
import Testing

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
