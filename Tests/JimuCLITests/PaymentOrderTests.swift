import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// The payment-order jobs as the accounting section runs them: e-invoices (XML) and the Excel list
/// (CSV) into 支出命令書 PDFs, the accounting import, 全銀 files and the register.
@Suite struct PaymentOrderTests {
    static func day(_ project: URL, _ date: String = "2026-11-21") -> URL {
        project.appendingPathComponent(".jimu/out/payment-orders/\(date)")
    }

    static func bytes(_ url: URL) -> [UInt8] {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
    }

    @Test("e-invoices: 4 orders issued, 4 rejected with a clerk's reason each; PDF, import, 全銀 and register agree")
    func invoices() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(run.status == 65)
        #expect(run.stderr == "payment-orders: 8 read, 4 issued, 4 rejected, 0 skipped; rejects in .jimu/out/payment-orders/2026-11-21/rejects-run1-invoices.csv\n")
        let out = Self.day(project)
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("register-run1.csv")), "Golden/payment-orders/register.csv")
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("accounting-import-run1.csv")), "Golden/payment-orders/accounting-import.csv")
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("rejects-run1-invoices.csv")), "Golden/payment-orders/rejects.csv")
        let rejects = String(decoding: Self.bytes(out.appendingPathComponent("rejects-run1-invoices.csv")), as: UTF8.self)
        #expect(rejects.contains("cn-s-88130.xml:4: type_code: 貸方票（クレジットノート）は支払の対象外です"))
        #expect(rejects.contains("inv-k-1120.xml:4: invoice_account: 振込先が債権者マスタと一致しない"))
        #expect(rejects.contains("currency: 外貨建ての請求書です"))
        #expect(rejects.contains("amount ￥99,000 exceeds the remaining ￥66,000 of 支出負担行為 R8-00170 (支出負担行為 ￥264,000, spent ￥0 before Jimu, ￥198,000 earlier in this run)"))

        // The orders wait for 決裁: no transfer yet. Approved by the 会計管理者, each date's transfers
        // are released a few bank business days ahead: one 全銀 file per payment date.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.contains("furikomi") })
        let approve = try CLI.run(["approve", "Jobs/payment-orders.yaml", "--run", "1"], in: project, environment: ["SUDO_USER": "kaikei"])
        #expect(approve.status == 0 && approve.stdout.hasSuffix("payment-orders approve: 4 named, 4 approved, 0 refused, 0 unchanged\n"), "\(approve)")
        // 11/23 (勤労感謝の日) moves to Tuesday 11/24, the first date a file given on Saturday reaches.
        let first = try CLI.run(["release", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(first.status == 0 && first.stdout.hasSuffix("payment-orders release: 1 named, 1 released, 0 refused, 0 unchanged\n"), "\(first)")
        let early = try ZenginReader.read(Self.bytes(out.appendingPathComponent("sogo-furikomi-20261124-fy2026-run3.txt")))
        #expect(early.header["振込指定日"] == "1124" && early.data.count == 1 && early.trailer["合計金額"] == "000000198000")
        let second = try CLI.run(["release", "Jobs/payment-orders.yaml", "--as-of", "2026-11-26"], in: project)
        #expect(second.status == 0, "\(second)")
        let late = try ZenginReader.read(Self.bytes(Self.day(project, "2026-11-26").appendingPathComponent("sogo-furikomi-20261130-fy2026-run4.txt")))
        #expect(late.data.count == 3 && late.trailer["合計金額"] == "000000385800")
        #expect(late.data.map { $0["受取人名"] ?? "" } == ["ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ", "ﾄﾞ)ﾋｶﾘｼｽﾃﾑ", "ｶ)ﾌﾟﾚ-ｽﾎﾙﾀﾞ-"])
        // Each transfer's 顧客コード1 is its 支出命令番号, given in input order as orders are issued.
        #expect(late.data.map { $0["顧客コード1"] ?? "" } == ["000001", "000002", "000003"])
        #expect(early.data.map { $0["顧客コード1"] ?? "" } == ["000004"])

        let pdf = out.appendingPathComponent("shishutsu-meireisho-run1.pdf")
        let pages = try PDFText.pages(of: pdf)
        #expect(pages.count == 4)
        for expected in ["支出命令書", "令和8年度", "第 000001 号", "令和8年11月21日", "R8-00123", "￥500,000", "￥42,800",
                         "株式会社みどり文具", "T6011001045671", "東京都みどり市中央一丁目2番3号", "三菱ＵＦＪ（0005）", "みどり市役所（123）",
                         "普通", "1234567", "ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ", "令和8年11月30日", "2 総務費", "10 需用費", "1 消耗品費",
                         "請求書 INV-2026-1101（令和8年11月5日）", "会計管理者", "支出命令者", "みどり市"] {
            #expect(pages[0].contains(expected), "page 1 lacks \(expected)")
        }
        #expect(pages[2].contains("登録番号の検査数字が合わない"), "the warning is printed on the order it concerns")
        #expect(pages[3].contains("令和8年11月24日") && pages[3].contains("第 000004 号") && pages[3].contains("㈱山田製作所"))
        let fonts = try PDFText.fonts(pdf)
        #expect(Set(fonts.map { String($0.name.split(separator: "+").last ?? "") }) == ["IPAexMincho", "IPAexGothic"])
        #expect(fonts.allSatisfy { $0.embedded && $0.subset })
        let mode = try FileManager.default.attributesOfItem(atPath: pdf.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "orders hold account numbers: owner only")
    }

    @Test("an e-invoice whose totals do not follow from its lines, allowances, charges and tax is rejected, naming the total")
    func totalsAddUp() throws {
        let project = try CLI.scratchProject()
        let invoices = project.appendingPathComponent("Samples/invoices")
        let original = try String(contentsOf: invoices.appendingPathComponent("inv-2026-1101.xml"), encoding: .utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: invoices.path) {
            try FileManager.default.removeItem(at: invoices.appendingPathComponent(name))
        }
        let variants = [
            "a-as-sent": original,
            "b-payable": original.replacingOccurrences(of: "<cbc:PayableAmount currencyID=\"JPY\">42800", with: "<cbc:PayableAmount currencyID=\"JPY\">43800"),
            "c-allowance": original.replacingOccurrences(of: "<cbc:AllowanceTotalAmount currencyID=\"JPY\">1000", with: "<cbc:AllowanceTotalAmount currencyID=\"JPY\">2000"),
            "d-line": original.replacingOccurrences(of: "<cbc:LineExtensionAmount currencyID=\"JPY\">35000", with: "<cbc:LineExtensionAmount currencyID=\"JPY\">36000"),
        ]
        for (name, text) in variants {
            #expect(name == "a-as-sent" || text != original, "\(name) must differ from the sample")
            try text.write(to: invoices.appendingPathComponent("\(name).xml"), atomically: true, encoding: .utf8)
        }
        let run = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(run.stderr.hasPrefix("payment-orders: 4 read, 1 issued, 3 rejected, 0 skipped"))
        let rejects = String(decoding: Self.bytes(Self.day(project).appendingPathComponent("rejects-run1-invoices.csv")), as: UTF8.self)
        let reasons = Dictionary(uniqueKeysWithValues: rejects.split(separator: "\r\n").dropFirst().map { line in
            (String(line.split(separator: ",")[0].split(separator: "/").last ?? ""), String(line))
        })
        #expect(reasons.keys.sorted() == ["b-payable.xml", "c-allowance.xml", "d-line.xml"])
        #expect(reasons["b-payable.xml"]?.contains("payable_adds_up: 支払額（PayableAmount）が 税込合計−前払額＋端数調整 と合わない") == true)
        #expect(reasons["c-allowance.xml"]?.contains("allowances_add_up: 値引（AllowanceCharge）の合計が AllowanceTotalAmount と合わない") == true)
        #expect(reasons["c-allowance.xml"]?.contains("net_adds_up: 税抜合計（TaxExclusiveAmount）が 明細合計−値引＋割増 と合わない") == true)
        #expect(reasons["d-line.xml"]?.contains("lines_add_up: 明細行の金額の合計が請求書の LineExtensionAmount と合わない") == true)
        #expect(reasons.values.allSatisfy { !$0.contains("tax_adds_up") && !$0.contains("charges_add_up") })
    }

    @Test("the XML and CSV paths share keys, numbers and balances: nothing is paid twice, numbers continue")
    func bothPaths() throws {
        let project = try CLI.scratchProject()
        _ = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-21"], in: project)
        let list = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        let summary = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any] ?? [:]
        // INV-2026-1101, HS-0042 and X-0008 came as e-invoices already, for other amounts than the list
        // says: conflicts, rejected naming the earlier run and the amounts (row 12 repeats row 1).
        #expect([summary["input"], summary["issued"], summary["rejected"], summary["skipped"]].map { $0 as? Int } == [15, 6, 9, 0])
        let conflicts = try CP932Lines.read(project.appendingPathComponent(".jimu/out/payment-list/2026-11-21/rejects-run2-payments.csv"))
            .compactMap { line in line.range(of: "payment-list.csv:").map { String(line[$0.upperBound...]) } }
        #expect(conflicts.filter { $0.contains("by run 1 (2026-11-21) with other values: amount") }.count == 4)
        #expect(conflicts.contains { $0.hasPrefix("2: its key was issued as 支出命令番号 000001 (令和8年度) by run 1 (2026-11-21) with other values: amount 42800 → 48400; correct the record, or cancel what was issued and issue it again") })
        let register = try String(contentsOf: project.appendingPathComponent(".jimu/out/payment-list/2026-11-21/register-run2.csv"), encoding: .utf8)
        let numbers = register.split(separator: "\r\n").dropFirst().map { $0.prefix(6) }
        #expect(numbers == ["000005", "000006", "000007", "000008", "000009", "000010"])

        // Again the next day: the e-invoice over its 負担行為 is rejected, now counting the earlier run.
        let again = try CLI.run(["run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-24"], in: project)
        #expect(again.stderr.hasPrefix("payment-orders: 8 read, 0 issued, 4 rejected (none new), 4 skipped"))
        let rejects = String(decoding: Self.bytes(Self.day(project, "2026-11-24").appendingPathComponent("rejects-run3-invoices.csv")), as: UTF8.self)
        #expect(rejects.contains("exceeds the remaining ￥66,000 of 支出負担行為 R8-00170 (支出負担行為 ￥264,000, spent ￥0 before Jimu, ￥198,000 by earlier runs)"))
    }

    @Test("出納整理期間: in April an order on last year's 負担行為 is numbered in last year's sequence and paid in a file of its own; past 出納閉鎖 it is rejected")
    func closingPeriod() throws {
        let project = try CLI.scratchProject()
        let list = project.appendingPathComponent("Samples/payment-list.csv")
        let header = "整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考"
        try CP932Lines.write([
            header,
            "1,P0001,INV-2026-0301,コピー用紙（3月納品分）,\"33,000\",2026-04-30,R7-00420,10,1,",
            "2,P0001,INV-2026-0401,コピー用紙（4月分）,\"22,000\",2026-04-30,R8-00123,10,1,",
        ], to: list)
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-04-13"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        let out = project.appendingPathComponent(".jimu/out/payment-list/2026-04-13")
        let register = try String(contentsOf: out.appendingPathComponent("register-run1.csv"), encoding: .utf8)
        let rows = register.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        #expect(rows == ["000001,令和7年度,令和8年4月13日", "000001,令和8年度,令和8年4月13日"])
        // Each year's transfers in their own file: 顧客コード 000001 names one transfer per file.
        for year in ["fy2025", "fy2026"] {
            let file = try ZenginReader.read(Self.bytes(out.appendingPathComponent("sogo-furikomi-20260430-\(year)-run1.txt")))
            #expect(file.data.count == 1)
        }

        // After 出納閉鎖 (5/31) last year's 負担行為 takes no order, and no payment past it.
        try CP932Lines.write([
            header,
            "1,P0001,INV-2026-0302,コピー用紙（3月納品分の残り）,\"11,000\",2026-06-05,R7-00420,10,1,",
            "2,P0001,INV-2026-0303,トナー（3月納品分）,\"5,500\",2026-06-01,R7-00420,10,1,",
        ], to: list)
        let late = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-06-01"], in: project)
        let rejects = try CP932Lines.read(project.appendingPathComponent(".jimu/out/payment-list/2026-06-01/rejects-run2-payments.csv")).joined()
        #expect(late.status == 65)
        #expect(rejects.contains("令和7年度 closed on 2026-05-31 (出納閉鎖, 地方自治法第235条の5): an order dated 2026-06-01 cannot be charged to it; check the record's fiscal year"))
        let early = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-05-27"], in: project)
        let earlyRejects = try CP932Lines.read(project.appendingPathComponent(".jimu/out/payment-list/2026-05-27/rejects-run3-payments.csv")).joined()
        #expect(early.stderr.hasPrefix("payment-list: 2 read, 0 issued, 2 rejected"))
        #expect(earlyRejects.contains("due 2026-06-05 is after 令和7年度's 出納閉鎖 on 2026-05-31 (地方自治法第235条の5)"))
    }
}
