import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// Money safety through the shipped payment-list job: what a 会計課 clerk would stop is rejected,
/// with a reason saying what is wrong and what to do.
@Suite struct MoneySafetyTests {
    /// Runs the payment-list job on the shipped list with `rows` appended.
    static func run(appending rows: [String]) throws -> (status: Int32, rejects: [String]) {
        let project = try CLI.scratchProject()
        let list = project.appendingPathComponent("Samples/payment-list.csv")
        try CP932Lines.write(try CP932Lines.read(list) + rows, to: list)
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let rejects = try CP932Lines.read(project.appendingPathComponent(summary["rejects_file"] as? String ?? "none"))
        return (run.status, rejects)
    }

    @Test("an amount whose commas do not group digits in threes is rejected quoting it, never paid as another amount")
    func grouping() throws {
        let result = try Self.run(appending: [
            "20,P0001,INV-G1,消耗品,\"48,4\",2026-11-30,R8-00123,10,1,",
            "21,P0001,INV-G2,消耗品,\"1,,234\",2026-11-30,R8-00123,10,1,",
            "22,P0001,INV-G3,消耗品,\"1234,\",2026-11-30,R8-00123,10,1,",
        ])
        #expect(result.status == 65)
        for (line, text) in [(17, "48,4"), (18, "1,,234"), (19, "1234,")] {
            #expect(result.rejects.contains {
                $0.contains("Samples/payment-list.csv:\(line): amount: '\(text)' has commas that do not group its digits in threes; write e.g. 48,400 or 48400")
            }, "\(result.rejects)")
        }
    }

    @Test("a control character in a field is rejected naming it and its column (tab and line breaks in a cell stay)")
    func controlCharacter() throws {
        let result = try Self.run(appending: [
            "20,P0001,INV-C1,消耗品\u{0}です,\"1,000\",2026-11-30,R8-00123,10,1,",
            "21,P0001,INV-C2,\"消耗品\u{7F}です\",\"1,000\",2026-11-30,R8-00123,10,1,",
            "22,P0001,INV-C3,消耗品,\"1,0\u{1B}00\",2026-11-30,R8-00123,10,1,",
        ])
        #expect(result.status == 65)
        for (line, column, code) in [(17, "column 4 (件名)", "0000"), (18, "column 4 (件名)", "007F"), (19, "column 5 (金額)", "001B")] {
            #expect(result.rejects.contains { $0.contains("Samples/payment-list.csv:\(line): \(column): contains the control character U+\(code); remove it from the input") },
                    "\(result.rejects)")
        }
    }

    @Test("a key seen again with other money values is a conflict: rejected naming the earlier run and what changed; the same values are skipped")
    func conflict() throws {
        let project = try CLI.scratchProject()
        let first = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(first.status == 65)
        let list = project.appendingPathComponent("Samples/payment-list.csv")
        var rows = try CP932Lines.read(list)
        rows[1] = rows[1].replacingOccurrences(of: "\"48,400\"", with: "\"99,000\"")
        try CP932Lines.write(rows, to: list)
        let again = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24", "--summary", "json"], in: project)
        #expect(again.status == 65)
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
        // Row 2 changed: a conflict; row 13 repeats the old row 2: skipped, with the 8 others issued before.
        #expect(["input", "issued", "rejected", "skipped"].map { summary[$0] as? Int } == [15, 0, 6, 9])
        let rejects = try CP932Lines.read(project.appendingPathComponent(summary["rejects_file"] as? String ?? ""))
        #expect(rejects.contains { $0.contains("Samples/payment-list.csv:2: its key was issued by run 1 (2026-11-21) with other values: amount 48400 → 99000; correct the record, or cancel what was issued and issue it again") },
                "\(rejects)")
        let ledger = try SQLiteLedger(path: project.appendingPathComponent(".jimu/ledger.sqlite").path)
        #expect(try ledger.run(id: 2)?.rejects.contains { $0.rule == "conflict" } == true)
    }

    @Test("check warns about a key that uses no record field")
    func constantKey() throws {
        let project = try CLI.scratchProject()
        let job = project.appendingPathComponent("Jobs/invoice-register.yaml")
        let text = try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "key: \"{{invoice_id}}:{{supplier_tno}}\"", with: "key: \"{{run_date}}\"")
        try text.write(to: job, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "Jobs/invoice-register.yaml"], in: project)
        #expect(check.status == 0)
        #expect(check.stderr.contains("warning: records.key: the key '{{run_date}}' uses no record field: every record has the same key, and only the first is ever issued"))
    }

    @Test("an XML field that matches several elements is rejected naming them, never paid at the first of them")
    func severalNodes() throws {
        let project = try CLI.scratchProject()
        let invoice = project.appendingPathComponent("Samples/invoices/inv-y-0517.xml")
        let text = try String(contentsOf: invoice, encoding: .utf8).replacingOccurrences(
            of: "<cbc:PayableAmount currencyID=\"JPY\">198000</cbc:PayableAmount>",
            with: "<cbc:PayableAmount currencyID=\"JPY\">198000</cbc:PayableAmount><cbc:PayableAmount currencyID=\"JPY\">1100</cbc:PayableAmount>")
        try text.write(to: invoice, atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        #expect(run.status == 65)
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let rejects = try String(contentsOf: project.appendingPathComponent(summary["rejects_file"] as? String ?? ""), encoding: .utf8)
        #expect(rejects.contains("inv-y-0517.xml:4: field 'payable': 'cac:LegalMonetaryTotal/cbc:PayableAmount' matches 2 elements, so its value is ambiguous; ask the sender for a corrected document"),
                "\(rejects)")
    }
}
