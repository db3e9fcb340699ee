import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

@Suite struct SQLiteLedgerTests {
    static let start = RunStart(
        job: "j", title: nil, jobFile: "j.yaml", jobSHA256: "00", asOf: "2026-11-21", startedAt: "2026-11-21T09:00:00+09:00",
        host: "h", user: "u", pid: 1)

    static func result(_ status: RunStatus, _ input: Int, _ issued: Int, _ rejected: Int, _ skipped: Int) -> RunResult {
        RunResult(status: status, input: input, issued: issued, rejected: rejected, skipped: skipped, rejectsFile: nil, finishedAt: "t")
    }

    @Test("claims are unique per job (first in input order wins, also within a batch), survive commit, vanish on rollback")
    func claims() throws {
        let ledger = try SQLiteLedger()
        try ledger.transaction(commit: true) { tx in
            let run = try tx.startRun(Self.start)
            #expect(try tx.claim(job: "j", keys: ["C", "A", "B", "A", "C"], run: run) == [true, true, true, false, false])
            #expect(try tx.claim(job: "j", keys: ["A", "D"], run: run) == [false, true])
            #expect(try tx.claim(job: "other", keys: ["A"], run: run) == [true])
            try tx.finishRun(run: run, result: Self.result(.succeeded, 8, 5, 0, 3))
        }
        try ledger.transaction(commit: false) { tx in
            let run = try tx.startRun(Self.start)
            #expect(try tx.claim(job: "j", keys: ["E"], run: run) == [true])
            #expect(try tx.issuer(job: "j", key: "A") == 1)
        }
        let issuer = try ledger.transaction(commit: true) { try $0.issuer(job: "j", key: "E") }
        #expect(issuer == nil)
        #expect(try ledger.runs(job: nil, limit: 10).count == 1)
    }

    @Test("the ledger refuses a finished run whose counts do not add up")
    func invariant() throws {
        let ledger = try SQLiteLedger()
        #expect(throws: (any Error).self) {
            try ledger.transaction(commit: true) { tx in
                let run = try tx.startRun(Self.start)
                try tx.finishRun(run: run, result: Self.result(.succeeded, 5, 2, 1, 1))
            }
        }
        #expect(try ledger.runs(job: nil, limit: 10).isEmpty)
    }

    @Test("sequences count per name and fiscal year and never repeat")
    func sequences() throws {
        let ledger = try SQLiteLedger()
        let numbers = try ledger.transaction(commit: true) { tx in
            try [tx.nextNumber(sequence: "doc", fiscalYear: 2026), tx.nextNumber(sequence: "doc", fiscalYear: 2026),
                 tx.nextNumber(sequence: "doc", fiscalYear: 2027), tx.nextNumber(sequence: "other", fiscalYear: 2026)]
        }
        #expect(numbers == [1, 2, 1, 1])
        _ = try? ledger.transaction(commit: false) { tx in try tx.nextNumber(sequence: "doc", fiscalYear: 2026) }
        #expect(try ledger.transaction(commit: true) { try $0.nextNumber(sequence: "doc", fiscalYear: 2026) } == 3)
    }

    @Test("the ledger file is created readable by its owner only, and migrates once")
    func file() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("ledger/l.sqlite").path
        _ = try SQLiteLedger(path: path)
        let again = try SQLiteLedger(path: path)
        #expect(try again.schemaVersion() == "v2-schedule-slots")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
