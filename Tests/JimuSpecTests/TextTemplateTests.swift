import JimuSpec
import Testing

@Suite struct TextTemplateTests {
    @Test("parses literals, fields and transforms")
    func parses() throws {
        let template = try TextTemplate(parsing: "out/{{ run_date }}/{{wareki(due)}}-{{payee}}.csv")
        #expect(template.parts == [
            .literal("out/"), .field(name: "run_date", transform: nil), .literal("/"),
            .field(name: "due", transform: "wareki"), .literal("-"), .field(name: "payee", transform: nil), .literal(".csv"),
        ])
        #expect(template.fieldNames == ["run_date", "due", "payee"])
        #expect(template.transformNames == ["wareki"])
    }

    @Test("refuses unclosed, empty and malformed tags", arguments: ["{{a", "x{{}}", "{{a(b}}", "{{a b}}", "{{(b)}}"])
    func refuses(text: String) {
        #expect(throws: TextTemplate.ParseError.self) { try TextTemplate(parsing: text) }
    }

    @Test("suggests near names and prefixes, nothing for strangers")
    func suggestions() {
        #expect(Suggestion.nearest(to: "outptus", in: ["inputs", "outputs"]) == "outputs")
        #expect(Suggestion.nearest(to: "minimum", in: ["min", "max"]) == "min")
        #expect(Suggestion.nearest(to: "zengin", in: ["csv", "html"]) == nil)
    }
}
