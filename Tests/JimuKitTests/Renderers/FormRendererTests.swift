import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct FormRendererTests {
    static let schema = RecordSchema(names: ["name", "note"], types: [.text, .text], personal: [false, false])

    static func renderer(_ form: String) throws -> FormRenderer {
        let folder = Fixtures.temporaryDirectory()
        Fixtures.write(form, to: folder.appendingPathComponent("form.yaml"))
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: folder))
        let reader = SpecReader(file: "job.yaml")
        let spec = try #require(FormSpec.load(
            file: "form.yaml", root: ProjectRoot(folder), reader: reader, at: KeyPath(), node: .scalar(.init("form.yaml"))), "\(reader.diagnostics)")
        let output = OutputSpec(to: try TextTemplate(parsing: "x.pdf"), options: .pdf(PDFOutput(form: spec)), keyPath: KeyPath())
        let context = RenderContext(schema: schema, run: ["run_date": "2026-11-21"], root: ProjectRoot(folder), job: job)
        return try FormRenderer(output: output, context: context)
    }

    static func record(_ name: String, _ note: String = "") -> Record {
        Record(schema: schema, values: [.text(name), .text(note)], location: RecordLocation(file: "t", line: 1, index: 1))
    }

    static let form = """
        version: 1
        title: テスト様式
        pages:
          - - { text: 見出し, x: 10, y: 10, size: 14, font: IPAexGothic }
            - { rect: [10, 20, 60, 10], fill: 0.9 }
            - { text: "{{name}}", x: 10, y: 20, width: 60, height: 10, align: right, valign: middle, shrink: true }
            - { text: "{{note}}", x: 10, y: 40, width: 60, height: 9, wrap: true }
        """

    @Test("texts shrink to their box, wrap within it, and come out of pdftotext as written")
    func fitAndExtract() throws {
        let renderer = try Self.renderer(Self.form)
        var file = renderer.makeFile()
        var bytes = try file.begin()
        for (name, note) in [("髙橋 ①", "短い"), (String(repeating: "長い名前の債権者", count: 3), "二行に折り返す摘要の文章です。二行に折り返す摘要の文章です。")] {
            let record = Self.record(name, note)
            bytes += try file.add(record, rendered: try renderer.render(record))
        }
        bytes += try file.finish()
        let url = Fixtures.temporaryDirectory().appendingPathComponent("f.pdf")
        Fixtures.write(bytes, to: url)
        let pages = try PDFText.pages(of: url)
        #expect(pages.count == 2)
        #expect(pages[0].contains("見出し") && pages[0].contains("髙橋 ①") && pages[0].contains("短い"))
        #expect(pages[1].replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "").contains("長い名前の債権者長い名前の債権者長い名前の債権者"))
    }

    @Test("a text that cannot fit even at the smallest size rejects the record, naming the field; nothing of it is drawn")
    func noFit() throws {
        let renderer = try Self.renderer(Self.form)
        var file = renderer.makeFile()
        let tooLong = Self.record("x", String(repeating: "とても長い摘要", count: 60))
        #expect {
            try file.check(tooLong, rendered: try renderer.render(tooLong))
        } throws: { error in
            (error as? RenderError)?.message.hasPrefix("note ('{{note}}' on the form form.yaml) is too long for its box on the form (60×9 mm) even at 6 pt") == true
        }
        let fine = Self.record("y", "ok")
        try file.check(fine, rendered: try renderer.render(fine))
        var bytes = try file.add(fine, rendered: try renderer.render(fine))
        bytes += try file.finish()
        let url = Fixtures.temporaryDirectory().appendingPathComponent("g.pdf")
        Fixtures.write(bytes, to: url)
        #expect(try PDFText.pages(url) == 1)
        #expect(try !PDFText.pages(of: url).joined().contains("とても長い"))
    }

    @Test("texts that come back are shown as laid out before, texts that never do are laid out each time; every page shows its own")
    func keptLayouts() throws {
        let renderer = try Self.renderer(Self.form)
        var file = renderer.makeFile()
        var bytes = try file.begin()
        let names = ["株式会社みどり文具", "有限会社さくら印刷", "合同会社ひかりシステム"]
        for index in 0..<300 {
            // `note` differs on every page (its item stops keeping layouts); `name` takes turns.
            let record = Self.record(names[index % 3], "摘要\(index)番")
            bytes += try file.add(record, rendered: try renderer.render(record))
            if index == 150 {
                let tooLong = Self.record(names[0], String(repeating: "とても長い摘要", count: 60))
                #expect(throws: RenderError.self) { try file.check(tooLong, rendered: try renderer.render(tooLong)) }
            }
        }
        bytes += try file.finish()
        let url = Fixtures.temporaryDirectory().appendingPathComponent("k.pdf")
        Fixtures.write(bytes, to: url)
        let pages = try PDFText.pages(of: url)
        #expect(pages.count == 300)
        for (index, page) in pages.enumerated() {
            #expect(page.contains(names[index % 3]) && page.contains("摘要\(index)番"), "page \(index + 1): \(page)")
        }
    }

    @Test("a record checked but not added (another output refused it) leaves no page")
    func checkedNotAdded() throws {
        let renderer = try Self.renderer(Self.form)
        var file = renderer.makeFile()
        var bytes = try file.begin()
        for (name, added) in [("一件目", true), ("捨てる", false), ("三件目", true)] {
            let record = Self.record(name)
            try file.check(record, rendered: try renderer.render(record))
            if added { bytes += try file.add(record, rendered: try renderer.render(record)) }
        }
        let url = Fixtures.temporaryDirectory().appendingPathComponent("h.pdf")
        Fixtures.write(bytes + (try file.finish()), to: url)
        let text = try PDFText.pages(of: url).joined()
        #expect(try PDFText.pages(url) == 2)
        #expect(text.contains("一件目") && text.contains("三件目") && !text.contains("捨てる"), "\(text)")
    }

    @Test("a form naming a font that is not installed is a configuration error with the package to install")
    func missingFont() throws {
        #expect {
            _ = try Self.renderer(Self.form.replacingOccurrences(of: "IPAexGothic", with: "Nonexistent Sans"))
        } throws: { error in
            "\(error)".contains("names font 'Nonexistent Sans', which is not installed")
        }
    }
}
