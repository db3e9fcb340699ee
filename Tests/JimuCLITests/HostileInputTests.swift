import Foundation
import JimuKit
import JimuTestSupport
import Testing

/// The hostile-input catalog: broken and hostile CSV, XML, job files and `jimu.yaml`. Each case
/// asserts the exit code, a message that names the place, counts that add up, and nothing issued
/// that should not be.
@Suite("Hostile inputs")
struct HostileInputTests {
    /// One hostile input.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Changes a scratch copy of the shipped project.
        let setup: @Sendable (URL) throws -> Void
        /// The command (run commands get `--summary json`).
        var arguments = ["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"]
        let status: Int32
        /// Found in stderr or the rejects file.
        let message: String
        var testDescription: String { name }
    }

    // MARK: - The project and its files

    static let header = "整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考"
    /// A payment-list row; the hostile one is 請求書番号 HOSTILE, which must never be issued.
    static func row(subject: String = "消耗品", amount: String = "\"48,400\"", date: String = "2026-11-30", extra: String = "") -> String {
        "1,P0001,HOSTILE,\(subject),\(amount),\(date),R8-00123,10,1,\(extra)"
    }

    static func paymentList(_ project: URL) -> URL { project.appendingPathComponent("Samples/payment-list.csv") }

    /// The shipped payment list with its first row replaced.
    static func replacingFirstRow(_ row: String) -> @Sendable (URL) throws -> Void {
        { project in
            var lines = try CP932Lines.read(paymentList(project))
            lines[1] = row
            try CP932Lines.write(lines, to: paymentList(project))
        }
    }

    /// The shipped payment list with bytes in place of its first row.
    static func replacingFirstRow(bytes: [UInt8]) -> @Sendable (URL) throws -> Void {
        { project in
            var lines = try CP932Lines.read(paymentList(project))
            lines.removeSubrange(1...1)
            let codec = CP932Codec()
            let data = try codec.encode(lines[0] + "\r\n") + bytes + [0x0D, 0x0A] + codec.encode(lines.dropFirst().joined(separator: "\r\n") + "\r\n")
            try Data(data).write(to: paymentList(project))
        }
    }

    static func writing(_ bytes: [UInt8], to path: String) -> @Sendable (URL) throws -> Void {
        { project in
            let url = project.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    static func editing(_ path: String, _ change: @escaping @Sendable (String) -> String) -> @Sendable (URL) throws -> Void {
        { project in
            let url = project.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static func invoice(_ xml: String) -> @Sendable (URL) throws -> Void {
        writing(Array(xml.utf8), to: "Samples/invoices/hostile.xml")
    }

    static let orders = ["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-24"]
    static let checkList = ["check", "Jobs/payment-list.yaml"]

    // MARK: - The catalog

    static let csv: [Case] = [
        Case(name: "amount in exponent notation", setup: replacingFirstRow(row(amount: "1e9")), status: 65, message: "HOSTILE"),
        Case(name: "amount beyond any integer", setup: replacingFirstRow(row(amount: "99999999999999999999999999")), status: 65, message: "金額"),
        Case(name: "negative amount", setup: replacingFirstRow(row(amount: "-48400")), status: 65, message: "HOSTILE"),
        Case(name: "amount with sen", setup: replacingFirstRow(row(amount: "48400.5")), status: 65, message: "HOSTILE"),
        Case(name: "two amounts in one cell", setup: replacingFirstRow(row(amount: "\"48,400 48,400\"")), status: 65, message: "HOSTILE"),
        Case(name: "31 February", setup: replacingFirstRow(row(date: "2026-02-31")), status: 65, message: "HOSTILE"),
        Case(name: "a date long past", setup: replacingFirstRow(row(date: "1999-11-30")), status: 65, message: "HOSTILE"),
        Case(name: "NUL in a cell", setup: replacingFirstRow(row(subject: "消耗\u{0}品")), status: 65, message: "control character U+0000"),
        Case(name: "ESC sequence in a cell", setup: replacingFirstRow(row(subject: "\u{1B}[2J消耗品")), status: 65, message: "control character U+001B"),
        Case(name: "too many fields", setup: replacingFirstRow(row(extra: ",,")), status: 65, message: "the row has 12 fields but the header has 10"),
        Case(name: "too few fields", setup: replacingFirstRow("1,P0001,HOSTILE"), status: 65, message: "the row has 3 fields but the header has 10"),
        Case(name: "unterminated quote at the end", setup: { project in
            var lines = try CP932Lines.read(paymentList(project))
            lines.append("16,P0001,HOSTILE,\"消耗品,100,2026-11-30,R8-00123,10,1,")
            try CP932Lines.write(lines, to: paymentList(project))
        }, status: 65, message: "never closes"),
        Case(name: "broken Shift_JIS in a cell", setup: replacingFirstRow(bytes: Array("1,P0001,HOSTILE,".utf8) + [0x82, 0xFF, 0x81] + Array(",100,2026-11-30,R8-00123,10,1,".utf8)),
             status: 65, message: "invalid CP932 bytes"),
        Case(name: "formula in a rejected row", setup: replacingFirstRow(row(subject: "=cmd|' /C calc'!A0", amount: "x")), status: 65, message: "'=cmd|' /C calc'!A0"),
        Case(name: "a payee nobody knows", setup: replacingFirstRow("1,P9999,HOSTILE,消耗品,\"48,400\",2026-11-30,R8-00123,10,1,"), status: 65, message: "HOSTILE"),
        Case(name: "zero yen", setup: replacingFirstRow(row(amount: "0")), status: 65, message: "HOSTILE"),
        Case(name: "a 17 MB row", setup: replacingFirstRow(row(subject: String(repeating: "A", count: 17 << 20))), status: 65, message: "a record longer than 16 MB starts here"),
        Case(name: "the header names a column twice", setup: { project in
            var lines = try CP932Lines.read(paymentList(project))
            lines[0] = lines[0].replacingOccurrences(of: "件名", with: "金額")
            try CP932Lines.write(lines, to: paymentList(project))
        }, status: 65, message: "the header names '金額' twice"),
        Case(name: "UTF-16", setup: writing([0xFF, 0xFE] + Array(header.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), to: "Samples/payment-list.csv"), status: 65, message: "UTF-16"),
        Case(name: "an Excel workbook", setup: writing([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64), to: "Samples/payment-list.csv"), status: 65, message: "ZIP archive"),
        Case(name: "an empty file", setup: writing([], to: "Samples/payment-list.csv"), status: 65, message: "the file is empty"),
        Case(name: "UTF-8 with a BOM where CP932 is declared", setup: writing([0xEF, 0xBB, 0xBF] + Array((header + "\r\n" + row() + "\r\n").utf8), to: "Samples/payment-list.csv"), status: 65, message: "is UTF-8 text"),
        Case(name: "an input that is a link out of the root", setup: { project in
            let outside = Fixtures.temporaryDirectory("jimu-outside").appendingPathComponent("secret.csv")
            try Data("root:$6$secret\n".utf8).write(to: outside)
            try FileManager.default.removeItem(at: paymentList(project))
            try FileManager.default.createSymbolicLink(at: paymentList(project), withDestinationURL: outside)
        }, status: 65, message: "a symbolic link on the way leads out of"),
    ]

    static let xml: [Case] = [
        Case(name: "DOCTYPE with an internal entity", setup: invoice("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><Invoice>&a;</Invoice>"), arguments: orders, status: 65, message: "DOCTYPE"),
        Case(name: "billion laughs", setup: invoice("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY l0 \"ha\"><!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\"><!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">]><Invoice>&l2;</Invoice>"), arguments: orders, status: 65, message: "DOCTYPE"),
        Case(name: "external entity to /etc/passwd", setup: invoice("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Invoice>&e;</Invoice>"), arguments: orders, status: 65, message: "DOCTYPE"),
        Case(name: "XInclude of /etc/passwd", setup: invoice("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></Invoice>"), arguments: orders, status: 65, message: "hostile.xml"),
        Case(name: "not well-formed", setup: invoice("<?xml version=\"1.0\"?><Invoice><cbc:ID>1</Invoice>"), arguments: orders, status: 65, message: "hostile.xml"),
        Case(name: "UTF-16 XML", setup: writing([0xFF, 0xFE] + Array("<Invoice/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), to: "Samples/invoices/hostile.xml"), arguments: orders, status: 65, message: "UTF-16"),
        Case(name: "a ZIP named .xml", setup: writing([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], to: "Samples/invoices/hostile.xml"), arguments: orders, status: 65, message: "ZIP archive"),
        Case(name: "an empty XML file", setup: writing([], to: "Samples/invoices/hostile.xml"), arguments: orders, status: 65, message: "the file is empty"),
        Case(name: "a payable amount of 1e400", setup: editing("Samples/invoices/inv-2026-1101.xml") {
            $0.replacingOccurrences(of: "<cbc:PayableAmount currencyID=\"JPY\">42800</cbc:PayableAmount>", with: "<cbc:PayableAmount currencyID=\"JPY\">1e400</cbc:PayableAmount>")
        }, arguments: orders, status: 65, message: "inv-2026-1101.xml"),
        Case(name: "a document over max_document_mb", setup: { project in
            try editing("Jobs/payment-orders.yaml") { $0.replacingOccurrences(of: "    xml: \"Samples/invoices/*.xml\"\n", with: "    xml: \"Samples/invoices/*.xml\"\n    max_document_mb: 1\n") }(project)
            try writing(Array(("<Invoice>" + String(repeating: "<x>y</x>", count: 300_000) + "</Invoice>").utf8), to: "Samples/invoices/hostile.xml")(project)
        }, arguments: orders, status: 65, message: "more than the 1 MB a document is read whole up to"),
        Case(name: "an invoice that is a link out of the root", setup: { project in
            let outside = Fixtures.temporaryDirectory("jimu-outside").appendingPathComponent("x.xml")
            try Data("<Invoice/>".utf8).write(to: outside)
            try FileManager.default.createSymbolicLink(at: project.appendingPathComponent("Samples/invoices/link.xml"), withDestinationURL: outside)
        }, arguments: orders, status: 65, message: "is a symbolic link that leads out of the project root"),
    ]

    static let jobFiles: [Case] = [
        Case(name: "alias bomb", setup: editing("Jobs/payment-list.yaml") {
            "x0: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + (1...7).map { "x\($0): &a\($0) [" + Array(repeating: $0 == 1 ? "*a" : "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n").replacingOccurrences(of: "&a1", with: "&a1") + "\n" + $0
        }, arguments: checkList, status: 78, message: "more than 100000 values"),
        Case(name: "a 2 MB job file", setup: editing("Jobs/payment-list.yaml") { $0 + "\n# " + String(repeating: "x", count: 2 << 20) + "\n" }, arguments: checkList, status: 78, message: "at most 1024 KB"),
        Case(name: "a 300-character title", setup: editing("Jobs/payment-list.yaml") {
            $0.replacingOccurrences(of: "title: ", with: "title: " + String(repeating: "長", count: 300) + " #")
        }, arguments: checkList, status: 78, message: "the title is 3"),
        Case(name: "an input that climbs out with ..", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "csv: Samples/payment-list.csv", with: "csv: ../../../../etc/passwd") }, arguments: checkList, status: 78, message: "outside the project root"),
        Case(name: "an absolute input path", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "csv: Samples/payment-list.csv", with: "csv: /etc/passwd") }, arguments: checkList, status: 78, message: "outside the project root"),
        Case(name: "a ~ path", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "csv: Samples/payment-list.csv", with: "csv: ~/payments.csv") }, arguments: checkList, status: 78, message: "'~' is expanded by a shell"),
        Case(name: "an output that climbs out", setup: editing("Jobs/payment-list.yaml") {
            $0.replacingOccurrences(of: "to: \"payment-list/{{run_date}}/register-run{{run_id}}.csv\"", with: "to: \"../../escape-{{run_id}}.csv\"")
        }, arguments: checkList, status: 78, message: "payment-list.yaml:"),
        Case(name: "a template that is a link to a secret", setup: { project in
            let outside = Fixtures.temporaryDirectory("jimu-outside").appendingPathComponent("secret.mustache")
            try Data("root:$6$secret".utf8).write(to: outside)
            let template = project.appendingPathComponent("Jobs/templates/payment-schedule-row.mustache")
            try FileManager.default.removeItem(at: template)
            try FileManager.default.createSymbolicLink(at: template, withDestinationURL: outside)
        }, arguments: checkList, status: 78, message: "a symbolic link on the way leads out of"),
        Case(name: "a misspelt key", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "\ninputs:", with: "\ninptus:") }, arguments: checkList, status: 78, message: "payment-list.yaml:"),
        Case(name: "a key given twice", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "title: ", with: "title: a\ntitle: ") }, arguments: checkList, status: 78, message: "duplicate keys"),
        Case(name: "broken indentation", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "\ninputs:\n", with: "\ninputs:\n\t") }, arguments: checkList, status: 78, message: "payment-list.yaml:"),
        Case(name: "a NUL in the job file", setup: editing("Jobs/payment-list.yaml") { $0.replacingOccurrences(of: "title: ", with: "title: \u{0}") }, arguments: checkList, status: 78, message: "payment-list.yaml"),
    ]

    static let projectConfigs: [Case] = [
        Case(name: "a config of version 2", setup: editing("Jobs/jimu.yaml") { $0.replacingOccurrences(of: "version: 1", with: "version: 2") }, arguments: checkList, status: 78, message: "jimu.yaml:"),
        Case(name: "a group that does not exist", setup: editing("Jobs/jimu.yaml") { $0 + "group: no-such-group-here\n" }, status: 78, message: "group 'no-such-group-here' does not exist"),
        Case(name: "an unknown time zone", setup: editing("Jobs/jimu.yaml") { $0.replacingOccurrences(of: "time_zone: Asia/Tokyo", with: "time_zone: Mars/Olympus") }, arguments: checkList, status: 78, message: "unknown time zone"),
        Case(name: "an alias bomb in jimu.yaml", setup: editing("Jobs/jimu.yaml") {
            "x0: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + (1...7).map { "x\($0): &a\($0) [" + Array(repeating: $0 == 1 ? "*a" : "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n") + "\n" + $0
        }, arguments: checkList, status: 78, message: "more than 100000 values"),
        Case(name: "an output folder that is a link out of the output root", setup: { project in
            _ = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
            let day = project.appendingPathComponent(".jimu/out/payment-list/2026-11-24")
            try FileManager.default.createSymbolicLink(at: day, withDestinationURL: Fixtures.temporaryDirectory("jimu-outside"))
        }, status: 74, message: "is a symbolic link or a file, not a folder Jimu made"),
    ]

    @Test("hostile CSV", arguments: csv) func hostileCSV(_ hostile: Case) throws { try check(hostile) }
    @Test("hostile XML", arguments: xml) func hostileXML(_ hostile: Case) throws { try check(hostile) }
    @Test("hostile job files", arguments: jobFiles) func hostileJob(_ hostile: Case) throws { try check(hostile) }
    @Test("hostile jimu.yaml", arguments: projectConfigs) func hostileConfig(_ hostile: Case) throws { try check(hostile) }

    @Test("a formula in a rejected row is neutralised in the rejects file, and the fixed file replays the original value")
    func formulaRoundTrip() throws {
        let project = try CLI.scratchProject()
        let formula = "=cmd|' /C calc'!A0"
        try Self.replacingFirstRow(Self.row(subject: formula, amount: "x"))(project)
        let first = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24", "--summary", "json"], in: project)
        let rejects = try first.rejects(in: project)
        let row = try #require(rejects.first { $0.contains("HOSTILE") })
        #expect(row.hasPrefix("1,P0001,HOSTILE,'\(formula),x,"), "\(row)")
        // The clerk fixes the amount and replays the file as it is, 却下理由 column and all.
        let summary = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any] ?? [:]
        let file = project.appendingPathComponent(summary["rejects_file"] as? String ?? "")
        let fixed = try CP932Lines.read(file).filter { $0.contains("HOSTILE") || $0.hasPrefix("整理番号") }
            .map { $0.replacingOccurrences(of: "'\(formula),x,", with: "'\(formula),\"48,400\",") }
        try CP932Lines.write(fixed, to: project.appendingPathComponent("fixed.csv"))
        let replay = try CLI.run(
            ["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24", "--input", "payments=fixed.csv", "--summary", "json"], in: project)
        let replayed = try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(replayed["issued"] as? Int == 1, "\(replay.stdout)\(replay.stderr)")
        // Issued with the original value, which the CSV outputs guard once again on their own.
        let outputs = (replayed["outputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }.filter { $0.hasSuffix(".csv") }
        let texts = try outputs.map { path -> String in
            let data = try Data(contentsOf: project.appendingPathComponent(path))
            if let text = String(data: data, encoding: .utf8) { return text }
            return try CP932Codec().decode([UInt8](data))
        }
        #expect(texts.contains { $0.contains("'\(formula)") } && !texts.contains { $0.contains("''\(formula)") }, "\(texts)")
    }

    @Test("the catalog has at least 40 cases")
    func size() {
        #expect(Self.csv.count + Self.xml.count + Self.jobFiles.count + Self.projectConfigs.count >= 40)
    }

    private func check(_ hostile: Case) throws {
        let project = try CLI.scratchProject()
        try hostile.setup(project)
        let running = hostile.arguments.first == "run"
        let result = try CLI.run(hostile.arguments + (running ? ["--summary", "json"] : []), in: project)
        #expect(result.status == hostile.status, "\(hostile.name): \(result.stderr.prefix(600))")
        var rejects = running ? (try? result.rejects(in: project).joined(separator: "\n")) ?? "" : ""
        if running, let summary = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
           let path = summary["rejects_file"] as? String
        {
            // A rejects file holding the broken bytes themselves does not decode: its ASCII is read as is.
            rejects += String(decoding: try Data(contentsOf: project.appendingPathComponent(path)), as: UTF8.self)
        }
        #expect(result.stderr.contains(hostile.message) || rejects.contains(hostile.message),
                "\(hostile.name): '\(hostile.message)' not in \(result.stderr.prefix(600)) \(rejects.prefix(600))")
        #expect(!result.stderr.contains("root:$6$") && !result.stderr.contains("root:x:0"), "\(hostile.name) printed a secret")
        guard running else { return }
        if let summary = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] {
            let counts = ["input", "issued", "rejected", "skipped"].map { summary[$0] as? Int ?? -1 }
            #expect(counts[0] == counts[1] + counts[2] + counts[3], "\(hostile.name): \(counts)")
            // Nothing hostile is issued: not in any output.
            let outputs = (summary["outputs"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String != "rejects" }
            for output in outputs {
                let data = try Data(contentsOf: project.appendingPathComponent(output["path"] as? String ?? ""))
                #expect(!String(decoding: data, as: UTF8.self).contains("HOSTILE"), "\(hostile.name): issued into \(output["path"] ?? "")")
                #expect(!String(decoding: data, as: UTF8.self).contains("root:"), "\(hostile.name): a secret in \(output["path"] ?? "")")
            }
        } else {
            // The run failed as a whole: it issued nothing.
            let runs = try CLI.run(["runs", "--format", "json"], in: project)
            let newest = (try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])?.first
            #expect(newest.map { $0["issued"] as? Int == 0 && $0["status"] as? String == "failed" } ?? true, "\(hostile.name): \(newest ?? [:])")
        }
    }
}
