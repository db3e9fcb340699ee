import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct JobRunnerTests {
    struct Setup {
        let output: URL
        let project: ProjectConfig
        let ledger: SQLiteLedger
        let job: Job

        init(_ jobFile: String = "Jobs/payment-list.yaml") throws {
            output = Fixtures.temporaryDirectory("jimu-out")
            project = Fixtures.shippedProject(output: output)
            ledger = try SQLiteLedger()
            job = try TestRuns.load(Fixtures.url(jobFile), project: project)
        }

        func run(dryRun: Bool = false, overrides: [String: URL] = [:]) throws -> RunSummary {
            var context = TestRuns.context(project: project, ledger: ledger, dryRun: dryRun)
            context.inputOverrides = overrides
            return try JobRunner(context: context).run(job)
        }

        func bytes(_ relative: String) -> [UInt8] {
            FileManager.default.contents(atPath: output.appendingPathComponent(relative).path).map { [UInt8]($0) } ?? []
        }

        func files() -> [String] {
            let enumerator = FileManager.default.enumerator(atPath: output.path)
            return (enumerator?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("2026-11-21") && $0.contains(".") }.sorted()
        }
    }

    @Test("the sample job: counts add up, outputs and rejects are byte-exact, the ledger agrees")
    func sampleJob() throws {
        let setup = try Setup()
        let summary = try setup.run()
        #expect((summary.input, summary.issued, summary.rejected, summary.skipped) == (15, 9, 5, 1))
        #expect(summary.status == .completedWithRejects)
        #expect(summary.savedMinutes == 9 * 5 + 10)
        Golden.assertEqual(setup.bytes("payment-list/2026-11-21/accounting-import-run1.csv"), "Golden/payment-list/accounting-import.csv")
        Golden.assertEqual(setup.bytes("payment-list/2026-11-21/register-run1.csv"), "Golden/payment-list/register.csv")
        Golden.assertEqual(setup.bytes("payment-list/2026-11-21/payment-schedule-run1.html"), "Golden/payment-list/payment-schedule.html")
        Golden.assertEqual(setup.bytes("payment-list/2026-11-21/rejects-run1-payments.csv"), "Golden/payment-list/rejects.csv")
        let transfers = setup.bytes("payment-list/2026-11-21/sogo-furikomi-20261130-fy2026-run1.txt")
        Golden.assertEqual(transfers, "Golden/payment-list/sogo-furikomi-20261130.txt")
        let read = try ZenginReader.read(transfers)
        #expect(read.header["振込指定日"] == "1130" && read.header["振込依頼人名"] == "ﾐﾄﾞﾘｼ ｶｲｹｲｶﾝﾘｼﾔ")
        #expect(read.data.count == 9 && read.trailer["合計金額"] == "000002611400")
        #expect(read.data.map { $0["受取人名"] ?? "" }.first == "ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ")
        let detail = try #require(try setup.ledger.run(id: 1))
        #expect(detail.run.status == "completed_with_rejects")
        #expect((detail.run.input, detail.run.issued, detail.run.rejected, detail.run.skipped) == (15, 9, 5, 1))
        #expect(detail.outputs.map(\.kind) == ["pdf", "csv", "zengin", "csv", "html", "rejects"])
        #expect(detail.outputs.map(\.records) == [9, 9, 9, 9, 9, 5])
        #expect(detail.inputs.map(\.input).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == ["payments", "payees", "encumbrances", "banks"])
        #expect(detail.inputs.filter { $0.input == "banks" }.map(\.file.path).first == "Samples/bank-master/banks.json")
        #expect(detail.rejects.count == 5)
        #expect(detail.creditedMinutes == 55)
    }

    @Test("a 全銀 file that would pass the trailer's 12-digit 合計金額 goes on in a second complete volume")
    func zenginVolumes() throws {
        let folder = Fixtures.temporaryDirectory()
        let rows = (1...112).map { "\($0),9000000000" }.joined(separator: "\n")
        Fixtures.write("no,amount\n\(rows)\n", to: folder.appendingPathComponent("transfers.csv"))
        Fixtures.write("""
            version: 1
            job: transfers
            inputs: { transfers: { csv: transfers.csv } }
            records:
              from: transfers
              fields:
                no: no
                amount: { column: amount, type: yen }
                due: { value: "2026-11-30", type: date }
                bank: { value: "0005" }
                branch: { value: "123" }
                type: { value: "1" }
                account: { value: "1234567" }
                holder: { value: "ﾐﾄﾞﾘ ﾀﾛｳ" }
              key: "{{no}}"
            outputs:
              - format: zengin
                to: "furikomi.txt"
                transfer_date: due
                bank_code: bank
                branch_code: branch
                account_type: type
                account_number: account
                account_name: holder
                amount: amount
            """, to: folder.appendingPathComponent("job.yaml"))
        let output = Fixtures.temporaryDirectory("jimu-out")
        var project = ProjectConfig(root: folder)
        project.zengin = Fixtures.shippedProject(output: output).zengin
        project.outputRoot = output.path
        let job = try TestRuns.load(folder.appendingPathComponent("job.yaml"), project: project)
        let summary = try JobRunner(context: TestRuns.context(project: project, ledger: try SQLiteLedger())).run(job)
        #expect((summary.input, summary.issued) == (112, 112))
        let read = { (name: String) in
            try ZenginReader.read(FileManager.default.contents(atPath: output.appendingPathComponent(name).path).map { [UInt8]($0) } ?? [])
        }
        let first = try read("furikomi.txt"), second = try read("furikomi-2.txt")
        #expect((first.data.count, first.trailer["合計件数"], first.trailer["合計金額"]) == (111, "000111", "999000000000"))
        #expect((second.data.count, second.trailer["合計金額"]) == (1, "009000000000"))
        #expect(second.header["振込指定日"] == "1130")
    }

    @Test("running the same input again issues nothing and says why")
    func idempotent() throws {
        let setup = try Setup()
        _ = try setup.run()
        let again = try setup.run()
        #expect((again.input, again.issued, again.rejected, again.skipped) == (15, 0, 5, 10))
        #expect(again.outputs.map(\.kind) == ["rejects"])
        #expect(again.savedMinutes == 0)
        #expect(try setup.ledger.run(id: 2)?.creditedMinutes == nil)
        #expect(try setup.ledger.referenceProblems() == [])
    }

    @Test("a dry run goes the same way and writes nothing: no files, no ledger entries")
    func dryRun() throws {
        let setup = try Setup()
        let dry = try setup.run(dryRun: true)
        #expect((dry.input, dry.issued, dry.rejected, dry.skipped) == (15, 9, 5, 1))
        #expect(dry.runID == nil)
        #expect(setup.files().isEmpty)
        #expect(try setup.ledger.runs(job: nil, limit: 10).isEmpty)
        let real = try setup.run()
        #expect(real.outputs.map(\.sha256).prefix(2) == dry.outputs.map(\.sha256).prefix(2))
    }

    @Test("a clerk fixes the rejects file and replays it: the fixed rows are issued, the rest rejected again")
    func replayRejects() throws {
        let setup = try Setup()
        _ = try setup.run()
        let codec = CP932Codec()
        var text = try codec.decode(setup.bytes("payment-list/2026-11-21/rejects-run1-payments.csv"))
        text = text.replacingOccurrences(of: "7,P0099,", with: "7,P0006,")
            .replacingOccurrences(of: "令和8年13月1日", with: "令和8年12月1日")
        let fixed = setup.output.appendingPathComponent("fixed.csv")
        Fixtures.write(try codec.encode(text), to: fixed)
        let replay = try setup.run(overrides: ["payments": fixed])
        #expect((replay.input, replay.issued, replay.rejected, replay.skipped) == (5, 2, 3, 0))
        let imported = try codec.decode(setup.bytes("payment-list/2026-11-21/accounting-import-run2.csv"))
        #expect(imported.contains("L-0007") && imported.contains("HS-0043"))
        #expect(try setup.ledger.referenceProblems() == [])
    }

    @Test("a numbered order its 全銀 record cannot hold is rejected once numbered, and gives its key and number back")
    func renderRejectGivesBack() throws {
        let setup = try Setup()
        let codec = CP932Codec()
        let payees = try codec.decode(Array(try Data(contentsOf: Fixtures.url("Samples/payees.csv"))))
        let broken = setup.output.appendingPathComponent("payees.csv")
        Fixtures.write(try codec.encode(payees.replacingOccurrences(of: ",0765432,", with: ",07654321,")), to: broken)
        let first = try setup.run(overrides: ["payees": broken])
        // P0002's two orders (S-88120, and S-88121 whose 件名 is a formula) cannot be paid to an 8-digit account.
        #expect((first.input, first.issued, first.rejected, first.skipped) == (15, 7, 7, 1))
        let rejects = try codec.decode(setup.bytes("payment-list/2026-11-21/rejects-run1-payments.csv"))
        #expect(rejects.contains("csv:3: account number is not 1 to 7 digits") && rejects.contains("csv:11: account number is not 1 to 7 digits"))
        let register = String(decoding: setup.bytes("payment-list/2026-11-21/register-run1.csv"), as: UTF8.self)
        let numbers = register.split(separator: "\r\n").dropFirst().map { String($0.prefix(6)) }
        #expect(numbers == (1...7).map { String(format: "%06d", $0) })
        #expect(!register.contains("S-8812"))
        let fixed = try setup.run()
        #expect((fixed.input, fixed.issued, fixed.rejected, fixed.skipped) == (15, 2, 5, 8))
        let again = String(decoding: setup.bytes("payment-list/2026-11-21/register-run2.csv"), as: UTF8.self)
        #expect(again.contains("000008,令和8年度,令和8年11月21日,R8-00088,P0002") && again.contains("000009,") && again.contains("S-88121"))
        #expect(try setup.ledger.referenceProblems() == [])
    }

    @Test("an output that cannot be written fails the run, issues nothing, and the next run succeeds")
    func failedRun() throws {
        let setup = try Setup()
        Fixtures.write("not a folder", to: setup.output.appendingPathComponent("payment-list"))
        #expect(throws: OutputError.self) { try setup.run() }
        let failed = try #require(try setup.ledger.runs(job: nil, limit: 10).first)
        #expect(failed.status == "failed")
        #expect(failed.issued == 0)
        #expect(failed.message?.contains("is a symbolic link or a file, not a folder Jimu made") == true)
        try FileManager.default.removeItem(at: setup.output.appendingPathComponent("payment-list"))
        let next = try setup.run()
        #expect(next.issued == 9)
        #expect(setup.files().allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test("a crash between ledger commit and rename is rolled forward by the next run")
    func recovery() throws {
        let setup = try Setup()
        let first = try setup.run()
        let detail = try #require(try setup.ledger.run(id: first.runID!))
        for output in detail.outputs {
            try FileManager.default.moveItem(atPath: output.absolutePath, toPath: output.temporaryPath)
        }
        try setup.ledger.markPublished(run: first.runID!, status: .publishing)
        let second = try setup.run()
        #expect(second.issued == 0 && second.skipped == 10)
        #expect(try setup.ledger.run(id: first.runID!)?.run.status == "completed_with_rejects")
        for output in detail.outputs {
            #expect(try FileDigest.sha256(of: URL(fileURLWithPath: output.absolutePath)) == output.sha256)
        }
    }

    @Test("an XML job: e-invoices joined to the payee master by 登録番号")
    func invoices() throws {
        let setup = try Setup("Jobs/invoice-register.yaml")
        let summary = try setup.run()
        #expect((summary.input, summary.issued, summary.rejected, summary.skipped) == (8, 6, 2, 0))
        Golden.assertEqual(setup.bytes("invoice-register/2026-11-21/invoice-register.csv"), "Golden/invoice-register/invoice-register.csv")
        Golden.assertEqual(setup.bytes("invoice-register/2026-11-21/rejects-run1-invoices.csv"), "Golden/invoice-register/rejects.csv")
    }
}

/// Savings credit as the runner records it.
@Suite struct SavingsCreditTests {
    @Test("each run is credited at the baseline in force on its date; a changed estimate never rewrites the past")
    func baselineByDate() throws {
        let output = Fixtures.temporaryDirectory("jimu-out")
        let project = Fixtures.shippedProject(output: output)
        let original = try String(contentsOf: Fixtures.url("Jobs/payment-list.yaml"), encoding: .utf8)
        let start = original.range(of: "savings:")!.lowerBound
        let end = original.range(of: "\ninputs:")!.lowerBound
        let job = original.replacingCharacters(in: start..<end, with: """
            savings:
              - { manual_minutes_per_record: 6, review_minutes_per_record: 1, manual_minutes_per_run: 10, basis: 旧基準, effective_from: 2025-04-01 }
              - { manual_minutes_per_record: 8, review_minutes_per_record: 1, basis: 新基準, effective_from: 2026-12-01 }

            """)
        let url = output.appendingPathComponent("payment-list-two-baselines.yaml")
        try job.write(to: url, atomically: true, encoding: .utf8)
        let loaded = try TestRuns.load(url, project: project)
        let ledger = try SQLiteLedger()
        var context = TestRuns.context(project: project, ledger: ledger)
        _ = try JobRunner(context: context).run(loaded)
        let fixed = output.appendingPathComponent("fixed.csv")
        let codec = CP932Codec()
        let rejects = try codec.decode([UInt8](try Data(contentsOf: output.appendingPathComponent("payment-list/2026-11-21/rejects-run1-payments.csv"))))
        Fixtures.write(try codec.encode(rejects.replacingOccurrences(of: "7,P0099,", with: "7,P0006,").replacingOccurrences(of: ",2026-11-30,", with: ",2026-12-04,")), to: fixed)
        context.asOf = LocalDate(year: 2026, month: 12, day: 2)
        context.inputOverrides = ["payments": fixed]
        let later = try JobRunner(context: context).run(loaded)
        #expect(later.issued == 1)
        let credits = try ledger.credits(from: "2026-04-01", through: "2027-03-31")
        let expected: [Double] = [9 * 5 + 10, 1 * 7]
        #expect(credits.map(\.minutes) == expected)
        #expect(credits.map(\.baseline.basis) == ["旧基準", "新基準"])
    }
}
