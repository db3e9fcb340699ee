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
        return (run.status, try run.rejects(in: project))
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
        let rejects = try again.rejects(in: project)
        #expect(rejects.contains { $0.contains("Samples/payment-list.csv:2: its key was issued as 支出命令番号 000001 (令和8年度) by run 1 (2026-11-21) with other values: amount 48400 → 99000; correct the record, or cancel what was issued and issue it again") },
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
        let rejects = try run.rejects(in: project).joined(separator: "\n")
        #expect(rejects.contains("inv-y-0517.xml:4: field 'payable': 'cac:LegalMonetaryTotal/cbc:PayableAmount' matches 2 elements, so its value is ambiguous; declare the field a list if it may hold several values, or ask the sender for a corrected document"),
                "\(rejects)")

        // A total given twice would let an arithmetic check pass on either value: refused as well.
        let other = project.appendingPathComponent("Samples/invoices/inv-k-1120.xml")
        try String(contentsOf: other, encoding: .utf8).replacingOccurrences(
            of: "<cbc:TaxInclusiveAmount currencyID=\"JPY\">275000</cbc:TaxInclusiveAmount>",
            with: "<cbc:TaxInclusiveAmount currencyID=\"JPY\">275000</cbc:TaxInclusiveAmount><cbc:TaxInclusiveAmount currencyID=\"JPY\">27500</cbc:TaxInclusiveAmount>"
        ).write(to: other, atomically: true, encoding: .utf8)
        let again = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-24", "--summary", "json"], in: project)
        let rejected = try again.rejects(in: project).joined(separator: "\n")
        #expect(rejected.contains("totals_once: 合計欄（LegalMonetaryTotal）の金額が1つずつでない。請求書の再発行を依頼してください"), "\(rejected)")
    }

    @Test("a 振込指定日 the bank would refuse or a clerk would stop is rejected: past, too soon, not a bank day, a typo years ahead")
    func paymentDates() throws {
        let result = try Self.run(appending: [
            "20,P0001,INV-D1,消耗品,\"1,000\",2026-11-20,R8-00123,10,1,",
            "21,P0001,INV-D2,消耗品,\"1,000\",2026-11-28,R8-00123,10,1,",
            "22,P0001,INV-D3,消耗品,\"1,000\",2099-11-30,R8-00123,10,1,",
        ])
        #expect(result.status == 65)
        for (line, reason) in [
            (17, "due 2026-11-20 is before the order date 2026-11-21: a bank pays on no past day; correct the date and replay the record"),
            // 11/28 is a Saturday: `business_day: next` moves it to Monday 11/30, which is accepted.
            (19, "due 2099-11-30 is 26672 days after the order date 2026-11-21, more than max_days_ahead (60) in jimu.yaml: a typo? correct the date"),
        ] {
            #expect(result.rejects.contains { $0.contains("Samples/payment-list.csv:\(line): \(reason)") }, "\(result.rejects)")
        }
        #expect(!result.rejects.contains { $0.contains("Samples/payment-list.csv:18") })
    }

    @Test("the samples run a fortnight late: every transfer dated in the past is rejected and no 全銀 file is written")
    func pastDates() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-12-02"], in: project)
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("payment-list: 15 read, 0 issued, 15 rejected, 0 skipped"), "\(run.stderr)")
        let out = project.appendingPathComponent(".jimu/out/payment-list/2026-12-02")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!files.contains { $0.hasPrefix("sogo-furikomi") }, "\(files)")
    }

    @Test("the bank's lead time is configurable in jimu.yaml; a file of two fiscal years never gives one 顧客コード to two transfers")
    func leadAndCustomerCodes() throws {
        let project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "  min_lead_business_days: 3\n").write(to: config, atomically: true, encoding: .utf8)
        // One 全銀 file for both years, as a job that forgot {{fiscal_year}} in its path writes.
        let job = project.appendingPathComponent("Jobs/payment-list.yaml")
        let yaml = try String(contentsOf: job, encoding: .utf8)
        try yaml.replacingOccurrences(of: "-fy{{fiscal_year}}", with: "").write(to: job, atomically: true, encoding: .utf8)
        let list = project.appendingPathComponent("Samples/payment-list.csv")
        try CP932Lines.write([
            try CP932Lines.read(list)[0],
            "1,P0001,INV-2026-0301,コピー用紙（3月納品分）,\"33,000\",2026-04-30,R7-00420,10,1,",
            "2,P0001,INV-2026-0401,コピー用紙（4月分）,\"22,000\",2026-04-30,R8-00123,10,1,",
            "3,P0001,INV-2026-0402,トナー,\"5,500\",2026-04-15,R8-00123,10,1,",
        ], to: list)
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-04-13", "--summary", "json"], in: project)
        #expect(run.status == 65)
        let rejects = try run.rejects(in: project)
        #expect(rejects.contains { $0.contains("Samples/payment-list.csv:3: 顧客コード 000001 is already given to the transfer of Samples/payment-list.csv:2 in this file") }, "\(rejects)")
        #expect(rejects.contains {
            $0.contains("Samples/payment-list.csv:4: due 2026-04-15 is too soon after the order date 2026-04-13: the bank takes a 総合振込 3 bank business days ahead (min_lead_business_days in jimu.yaml), so the earliest is 2026-04-16")
        }, "\(rejects)")
    }

    @Test("a run without --as-of on a day the office is closed warns that its documents are dated with it")
    func closedDay() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "--dry-run", "Jobs/invoice-register.yaml"], in: project)
        let today = ScheduleSlot.current(clock: SystemClock(), timeZone: "Asia/Tokyo").date
        if let closure = BusinessCalendar.office.closure(on: today) {
            #expect(run.stderr.contains("warning: today, \(today.iso), is \(closure), not a business day of the office; invoice-register's documents are dated with it"))
        } else {
            #expect(!run.stderr.contains("warning: today"), "\(run.stderr)")
        }
        #expect(BusinessCalendar.office.closure(on: LocalDate(year: 2026, month: 11, day: 21)!) == "a Saturday")
        #expect(BusinessCalendar.office.closure(on: LocalDate(year: 2026, month: 11, day: 23)!) == "勤労感謝の日")
        #expect(BusinessCalendar.office.closure(on: LocalDate(year: 2026, month: 12, day: 29)!) == "the year-end closure")
        #expect(BusinessCalendar.office.closure(on: LocalDate(year: 2026, month: 12, day: 2)!) == nil)
    }

    @Test("a lost, emptied or damaged ledger beside issued documents is refused (exit 78), until restored or started over on purpose")
    func lostLedger() throws {
        let project = try CLI.scratchProject()
        let run = { (extra: [String]) in try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"] + extra, in: project) }
        #expect(try run([]).status == 65)
        let ledger = project.appendingPathComponent(".jimu/ledger.sqlite")
        let backup = project.appendingPathComponent("ledger-backup.sqlite")
        try FileManager.default.copyItem(at: ledger, to: backup)
        let out = project.appendingPathComponent(".jimu/out")
        let marker = try String(contentsOf: out.appendingPathComponent(".jimu-ledger"), encoding: .utf8)
        #expect(marker.contains("ledger ") && marker.contains("path \(ledger.path)"))

        for damage in ["deleted", "emptied", "damaged"] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
            switch damage {
            case "emptied": try Data().write(to: ledger)
            case "damaged": try Data("this is not a ledger, but something someone saved here".utf8).write(to: ledger)
            default: break
            }
            let refused = try run([])
            #expect(refused.status == 78, "\(damage): \(refused.stderr)")
            if damage == "damaged" {
                #expect(refused.stderr.contains("is damaged or not a Jimu ledger"), "\(refused.stderr)")
            } else {
                #expect(refused.stderr.contains("is not the one the documents in '\(out.path)' were issued with"), "\(refused.stderr)")
                #expect(refused.stderr.contains("Restore the ledger from its newest backup"))
            }
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("payment-list/2026-11-21/register-run2.csv").path))
        }

        // Restored from its backup: the run goes on and skips what was issued.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
        try FileManager.default.copyItem(at: backup, to: ledger)
        let restored = try run(["--summary", "text"])
        #expect(restored.stdout.hasPrefix("payment-list: 15 read, 0 issued, 5 rejected (none new), 10 skipped"), "\(restored.stdout)\(restored.stderr)")

        // Lost for good: a new ledger starts over only when told why; the reason is kept in the ledger.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
        let started = try run(["--new-ledger", "ledger disk lost on 2026-11-22; run 1 checked by 会計課 on paper"])
        #expect(started.status == 65, "\(started.stderr)")
        #expect(try run([]).status == 65)
        let opened = try SQLiteLedger(path: ledger.path)
        #expect(try opened.identity().runs == 2)
    }

    @Test("outputs made before ledgers had an identity are adopted by a ledger with runs, and refused to a new one")
    func unmarkedOutputs() throws {
        let project = try CLI.scratchProject()
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project).status == 65)
        let marker = project.appendingPathComponent(".jimu/out/.jimu-ledger")
        try FileManager.default.removeItem(at: marker)
        #expect(try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project).status == 65)
        #expect(FileManager.default.fileExists(atPath: marker.path))
        try FileManager.default.removeItem(at: marker)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: project.appendingPathComponent(".jimu/ledger.sqlite").path + suffix) }
        let refused = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(refused.status == 78 && refused.stderr.contains("they belong to a ledger made before this version"), "\(refused.stderr)")
    }

    /// An invoice that corrects `original` (a JP PINT BillingReference), made from the shipped Y-0517.
    static func correction(of original: String, id: String, in project: URL) throws -> URL {
        let invoices = project.appendingPathComponent("Samples/invoices")
        var xml = try String(contentsOf: invoices.appendingPathComponent("inv-y-0517.xml"), encoding: .utf8)
        xml = xml.replacingOccurrences(of: "<cbc:ID>Y-0517</cbc:ID>", with: "<cbc:ID>\(id)</cbc:ID>")
        xml = xml.replacingOccurrences(of: "</cac:OrderReference>", with: """
            </cac:OrderReference>
              <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>\(original)</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
            """)
        let url = invoices.appendingPathComponent("inv-\(id.lowercased()).xml")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a correction (BillingReference) of an issued invoice is rejected naming it; an original whose correction was issued is rejected too")
    func corrections() throws {
        let project = try CLI.scratchProject()
        let run = { (date: String) in try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", date, "--summary", "json"], in: project) }
        #expect(try run("2026-11-21").status == 65)
        _ = try Self.correction(of: "Y-0517", id: "Y-0517-C", in: project)
        let corrected = try run("2026-11-24")
        #expect(try corrected.rejects(in: project).joined(separator: "\n").contains("inv-y-0517-c.xml:4: it corrects 'Y-0517:T4012001034567', issued as 支出命令番号 000004 (令和8年度) by run 1 (2026-11-21): a corrected document is paid once; cancel the earlier order, then replay this record"))

        // The other way round: the correction is paid first, then the original arrives.
        let other = try CLI.scratchProject()
        let invoices = other.appendingPathComponent("Samples/invoices")
        let original = try Data(contentsOf: invoices.appendingPathComponent("inv-y-0517.xml"))
        _ = try Self.correction(of: "Y-0517", id: "Y-0517-C", in: other)
        for name in try FileManager.default.contentsOfDirectory(atPath: invoices.path) where name != "inv-y-0517-c.xml" {
            try FileManager.default.removeItem(at: invoices.appendingPathComponent(name))
        }
        let first = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21", "--summary", "text"], in: other)
        #expect(first.stdout.hasPrefix("payment-orders: 1 read, 1 issued"), "\(first.stdout)\(first.stderr)")
        try original.write(to: invoices.appendingPathComponent("inv-y-0517.xml"))
        let late = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-24", "--summary", "json"], in: other)
        let lateRejects = try late.rejects(in: other).joined(separator: "\n")
        #expect(lateRejects.contains("inv-y-0517.xml:4: its correction 'Y-0517-C:T4012001034567' was issued as 支出命令番号 000001 (令和8年度) by run 1 (2026-11-21): the original is not paid as well"), "\(lateRejects)")
    }

    @Test("jimu show lists what a run skipped and which run issued it, runs of consecutive records in one line")
    func showSkipped() throws {
        let project = try CLI.scratchProject()
        _ = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        _ = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-24"], in: project)
        let first = try CLI.run(["show", "1"], in: project)
        #expect(first.stdout.contains("skipped:\n  Samples/payment-list.csv:13: issued by an earlier record of this run\n"))
        let second = try CLI.run(["show", "2"], in: project)
        #expect(second.stdout.contains("""
            skipped:
              Samples/payment-list.csv:2 … Samples/payment-list.csv:7 (6 records): issued by run 1 (2026-11-21)
              Samples/payment-list.csv:9: issued by run 1 (2026-11-21)
            """), "\(second.stdout)")
    }

    @Test("the invoice register and the payment jobs agree on a placeholder 登録番号: both carry it with the same warning")
    func placeholderRegistrationNumber() throws {
        let project = try CLI.scratchProject()
        _ = try CLI.run(["run", "Jobs/invoice-register.yaml", "--as-of", "2026-11-21"], in: project)
        _ = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21"], in: project)
        let warning = "登録番号の検査数字が合わない（法人番号でない番号か、仮の番号）: 国税庁サイトで確認"
        let out = project.appendingPathComponent(".jimu/out")
        let register = try String(contentsOf: out.appendingPathComponent("invoice-register/2026-11-21/invoice-register.csv"), encoding: .utf8)
        #expect(register.split(separator: "\r\n").contains { $0.contains("X-0008") && $0.hasSuffix(warning) }, "\(register)")
        let orders = try String(contentsOf: out.appendingPathComponent("payment-orders/2026-11-21/register-run2.csv"), encoding: .utf8)
        #expect(orders.split(separator: "\r\n").contains { $0.contains("X-0008") && $0.contains(warning) }, "\(orders)")
    }
}
