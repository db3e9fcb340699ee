import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// Every record read ends issued, rejected or skipped, on data as messy as real exports.
@Suite struct CountInvariantTests {
    static func messyRows(seed: UInt64, count: Int) -> [String] {
        var random = SeededGenerator(seed: seed)
        // Each payee with its 支出負担行為 and 節, so that good rows pass the cross-checks.
        let payees = [
            ("P0001", "R8-00123", "10"), ("P0002", "R8-00088", "10"), ("P0003", "R8-00012", "12"), ("P0099", "R8-00160", "7"),
            ("P0007", "R8-00161", "10"), (" P0004 ", "R8-00145", "17"),
        ]
        let amounts = ["1,000", "０", "abc", "￥2,500", "-3", "", "12000円", "1.5"]
        let dates = ["2026-11-30", "令和8年13月1日", "R8.12.1", "", "2026/2/30", "H31.5.1"]
        let broken = ["\"unclosed\"x,1,2", "too,few", "a,\"b\"c,d,e,f,g,h,i,j,k"]
        return (0..<count).map { index in
            if Int.random(in: 0..<10, using: &random) == 0 { return broken.randomElement(using: &random)! }
            let invoice = "I\(Int.random(in: 0..<(count / 8), using: &random))"
            let (payee, encumbrance, setsu) = payees.randomElement(using: &random)!
            return [
                String(index), payee, invoice, "件名\(index)",
                "\"\(amounts.randomElement(using: &random)!)\"", dates.randomElement(using: &random)!, encumbrance, setsu, "", "",
            ].joined(separator: ",")
        }
    }

    @Test("input = issued + rejected + skipped, in the summary, the ledger and the rejects file", arguments: [1, 2, 3] as [UInt64])
    func invariant(seed: UInt64) throws {
        let folder = Fixtures.temporaryDirectory()
        let header = "整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考"
        let input = folder.appendingPathComponent("messy.csv")
        Fixtures.write(([header] + Self.messyRows(seed: seed, count: 400)).joined(separator: "\r\n"), to: input, cp932: true)
        let project = Fixtures.shippedProject(output: folder.appendingPathComponent("out"))
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: project)
        let ledger = try SQLiteLedger()
        var context = TestRuns.context(project: project, ledger: ledger)
        context.inputOverrides = ["payments": input]
        for pass in 0..<2 {
            let summary = try JobRunner(context: context).run(job)
            #expect(summary.input == 400)
            #expect(summary.input == summary.issued + summary.rejected + summary.skipped)
            // A repeated invoice number with another amount is a conflict (rejected); the second pass
            // finds every key issued with the same values (skipped).
            #expect(summary.rejected > 0 && (pass == 0 || summary.skipped > 0))
            #expect(pass == 0 ? summary.issued > 0 : summary.issued == 0)
            let run = try #require(try ledger.run(id: summary.runID!))
            #expect((run.run.issued, run.run.rejected, run.run.skipped) == (summary.issued, summary.rejected, summary.skipped))
            #expect(run.rejects.count == summary.rejected)
            let rejects = try CP932Codec().decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: summary.rejectsFile!))))
            let reasons = rejects.components(separatedBy: "\r\n").filter { $0.contains("messy.csv:") }.count
            #expect(reasons >= summary.rejected)
        }
        let issuedKeys = try ledger.runs(job: "payment-list", limit: 10).map(\.issued).reduce(0, +)
        let firstRun = try #require(try ledger.run(id: 1))
        #expect(issuedKeys == firstRun.run.issued)
    }
}

/// Records cross from the reading thread in batches; the batch size must never change a result.
@Suite struct BatchBoundaryTests {
    @Test("batches of 1, 7 and 1024 records give the same counts and byte-identical outputs")
    func batchSizes() throws {
        let folder = Fixtures.temporaryDirectory()
        let header = "整理番号,債権者コード,請求書番号,件名,金額,支払予定日,負担行為番号,節,細節,備考"
        let input = folder.appendingPathComponent("messy.csv")
        Fixtures.write(([header] + CountInvariantTests.messyRows(seed: 9, count: 300)).joined(separator: "\r\n"), to: input, cp932: true)
        var results: [[String]] = []
        for size in [1, 7, 1024] {
            let project = Fixtures.shippedProject(output: folder.appendingPathComponent("out-\(size)"))
            let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: project)
            var context = TestRuns.context(project: project, ledger: try SQLiteLedger())
            context.inputOverrides = ["payments": input]
            context.batchSize = size
            let summary = try JobRunner(context: context).run(job)
            results.append(["\(summary.issued)/\(summary.rejected)/\(summary.skipped)"] + summary.outputs.map(\.sha256))
        }
        #expect(results[0] == results[1] && results[1] == results[2])
    }
}
