@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct TemplateRendererTests {
    static func render(format: OutputFormat, template: String, values: [FieldValue]) throws -> String {
        let folder = Fixtures.temporaryDirectory()
        Fixtures.write(template, to: folder.appendingPathComponent("t.mustache"))
        let schema = RecordSchema(names: ["name", "due", "note"], types: [.text, .date, .text], personal: [false, false, false])
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: folder))
        let spec = TemplateOutput(template: "t.mustache")
        let output = OutputSpec(to: try TextTemplate(parsing: "x"), options: format == .html ? .html(spec) : .text(spec), keyPath: KeyPath())
        let context = RenderContext(schema: schema, run: ["run_date": "2026-11-21"], root: ProjectRoot(folder), job: job)
        let renderer = try TemplateRenderer(output: output, context: context)
        var file = renderer.makeFile()
        let record = Record(schema: schema, values: values, location: RecordLocation(file: "t", line: 1, index: 1))
        let bytes = try file.begin() + file.add(record, rendered: try renderer.render(record)) + file.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("HTML escapes values, applies transforms, hides sections of empty fields")
    func html() throws {
        let text = try Self.render(
            format: .html, template: "<p>{{name}} {{wareki(due)}} {{run_date}}{{#note}} [{{note}}]{{/note}}</p>",
            values: [.text("佐藤 & Co. <VIP>"), .date(LocalDate(year: 2019, month: 5, day: 1)!), .empty])
        #expect(text == "<p>佐藤 &amp; Co. &lt;VIP&gt; 令和元年5月1日 2026-11-21</p>")
    }

    @Test("text output writes values as they are")
    func text() throws {
        let text = try Self.render(format: .text, template: "{{name}}{{#note}}/{{note}}{{/note}}", values: [.text("<a&b>"), .empty, .text("x")])
        #expect(text == "<a&b>/x")
    }
}
