@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct CSVRendererTests {
    static let schema = RecordSchema(names: ["name", "amount", "note"], types: [.text, .yen, .text], personal: [true, false, false])

    static func renderer(encoding: TextEncoding, lineEnding: LineEnding = .crlf, bom: Bool = false) throws -> CSVRenderer {
        var layout = CSVLayout(columns: [
            .init(name: "氏名", value: try TextTemplate(parsing: "{{name}}")),
            .init(name: "金額", value: try TextTemplate(parsing: "{{amount}}")),
            .init(name: "備考", value: try TextTemplate(parsing: "{{note}}")),
        ])
        layout.encoding = encoding
        layout.lineEnding = lineEnding
        layout.bom = bom
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: Fixtures.temporaryDirectory()))
        let output = OutputSpec(to: try TextTemplate(parsing: "x.csv"), options: .csv(layout), keyPath: KeyPath())
        return try CSVRenderer(output: output, context: RenderContext(schema: schema, run: [:], root: ProjectRoot(Fixtures.packageRoot), job: job))
    }

    static func record(_ name: String, _ amount: Int, _ note: String) -> Record {
        Record(schema: schema, values: [.text(name), .integer(amount), note.isEmpty ? .empty : .text(note)], location: RecordLocation(file: "t", line: 1, index: 1))
    }

    @Test("CP932 output is byte-exact: header, quoting, NEC/IBM characters, CRLF")
    func cp932Golden() throws {
        var renderer = try Self.renderer(encoding: .cp932)
        var file = renderer.makeFile()
        var bytes = try file.begin()
        for record in [Self.record("髙橋 ①", 48_400, "A4, 10箱"), Self.record("㈱山田", -500, "言った\"はい\"")] {
            bytes += try file.add(record, rendered: try renderer.render(record))
        }
        bytes += try file.finish()
        // 髙 is FB FC (the IBM code Windows writes); Python's cp932 codec would pick ED E0.
        Golden.assertEqual(bytes, "Golden/cp932.csv")
    }

    @Test("UTF-8 output with BOM and LF")
    func utf8Golden() throws {
        var renderer = try Self.renderer(encoding: .utf8, lineEnding: .lf, bom: true)
        var file = renderer.makeFile()
        let bytes = try file.begin() + renderer.render(Self.record("山田", 1, "")).bytes
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("氏名,金額,備考\n山田,1,\n".utf8))
    }

    @Test("cells a spreadsheet would run are neutralised; plain numbers stay numbers", arguments: [
        ("=1+1", "'=1+1"), ("+81-3-1234", "'+81-3-1234"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-1234", "-1234"), ("-12.5", "-12.5"), ("+5", "+5"), ("a=b", "a=b"), ("", ""),
    ])
    func formulaGuard(value: String, expected: String) {
        #expect(CSVCell.neutralised(value) == expected)
    }

    @Test("cells kept per run and per joined row are the cells rendered afresh; a row with an unwritable cell is refused each time",
          arguments: [TextEncoding.cp932, .utf8])
    func keptCells(encoding: TextEncoding) throws {
        let names = ["no", "payee", "bank", "amount"]
        let joined = RecordSchema(names: names, types: [.text, .text, .text, .yen], personal: [false, true, false, false], joins: [nil, 0, 0, nil])
        let plain = RecordSchema(names: names, types: [.text, .text, .text, .yen], personal: [false, true, false, false])
        var layout = CSVLayout(columns: try [
            ("区分", "21"), ("番号", "{{no}}"), ("債権者", "{{payee}}"), ("口座", "{{bank}}-{{payee}}"), ("金額", "{{amount}}"), ("年度", "{{fiscal_year}}"),
        ].map { CSVLayout.Column(name: $0.0, value: try TextTemplate(parsing: $0.1)) })
        layout.encoding = encoding
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: Fixtures.temporaryDirectory()))
        let output = OutputSpec(to: try TextTemplate(parsing: "x.csv"), options: .csv(layout), keyPath: KeyPath())
        let make = { (schema: RecordSchema) in
            try CSVRenderer(output: output, context: RenderContext(schema: schema, run: ["fiscal_year": "2026"], root: ProjectRoot(Fixtures.packageRoot), job: job))
        }
        var kept = try make(joined), fresh = try make(plain)
        let payees = [(0, "㈱さくら, 本店", "0001"), (1, "=HYPERLINK()", "0005"), (2, "𠮷田", "0009"), (0, "㈱さくら, 本店", "0001")]
        for (number, (row, payee, bank)) in (payees + payees.reversed()).enumerated() {
            var record = Record(
                schema: joined, values: [.text(String(number)), .text(payee), .text(bank), .integer(number * 1000)],
                location: RecordLocation(file: "t", line: number + 1, index: number + 1))
            record.joinedRows = [row]
            let afresh = Record(schema: plain, values: record.values, location: record.location)
            if encoding == .cp932 && payee.hasPrefix("𠮷") {
                #expect(throws: RenderError.self) { try kept.render(record) }
            } else {
                #expect(try kept.render(record) == fresh.render(afresh), "record \(number)")
            }
        }
    }

    @Test("a character CP932 cannot hold rejects the record, naming the column")
    func unmappable() throws {
        var renderer = try Self.renderer(encoding: .cp932)
        #expect(throws: RenderError.self) { try renderer.render(Self.record("𠮷田", 1, "")) }
        do { _ = try renderer.render(Self.record("𠮷田", 1, "")) } catch {
            #expect(error.message.hasPrefix("column '氏名': '𠮷' cannot be written in CP932"))
        }
    }
}
