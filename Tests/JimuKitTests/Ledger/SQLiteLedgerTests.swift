import Foundation
import GRDB
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

    @Test("a key keeps the fingerprint it was issued with; keys claimed without one have none")
    func fingerprints() throws {
        let ledger = try SQLiteLedger()
        try ledger.transaction(commit: true) { tx in
            let run = try tx.startRun(Self.start)
            let fingerprint = Fingerprint(digest: -42, amount: 48_400)
            #expect(try tx.claim(job: "j", keys: ["A", "B"], fingerprints: [fingerprint, nil], run: run, renewingBefore: nil) == [true, true])
            #expect(try tx.issue(of: "A", job: "j") == EarlierIssue(run: run, asOf: "2026-11-21", fingerprint: fingerprint))
            #expect(try tx.issue(of: "B", job: "j") == EarlierIssue(run: run, asOf: "2026-11-21", fingerprint: nil))
            #expect(try tx.issue(of: "C", job: "j") == nil)
            try tx.finishRun(run: run, result: Self.result(.succeeded, 2, 2, 0, 0))
        }
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
            #expect(try tx.issue(of: "A", job: "j")?.run == 1)
        }
        let issuer = try ledger.transaction(commit: true) { try $0.issue(of: "E", job: "j")?.run }
        #expect(issuer == nil)
        #expect(try ledger.runs(job: nil, limit: 10).count == 1)
    }

    @Test("a batch is claimed in SQLite's binary order: keys sharing their first 16 bytes, prefixes, kanji, equal keys in input order")
    func binaryOrder() {
        let keys = [
            "B-00012345:T1234567890123", "B-00012345:T1234567890122", "B-00012345:T123", "B-00012345:T1234567890123",
            "", "B", "請求-1:T1", "B-00012345:T12345678901234", "b", "B-0001234", "\u{7F}", "B-00012345:T1234567890123",
        ]
        let expected = keys.indices.sorted { left, right in
            let (a, b) = (Array(keys[left].utf8), Array(keys[right].utf8))
            return a == b ? left < right : a.lexicographicallyPrecedes(b)
        }
        #expect(SQLiteTransaction.binaryOrder(keys) == expected)
        #expect(SQLiteTransaction.binaryOrder([]) == [])
    }

    @Test("a key renews only when its last issue is older than the window; within a batch the first still wins")
    func renewal() throws {
        let ledger = try SQLiteLedger()
        var start = Self.start
        start.asOf = "2026-11-24"
        let first = try ledger.transaction(commit: true) { tx in
            let run = try tx.startRun(start)
            #expect(try tx.claim(job: "j", keys: ["P1:0005:123", "P2:0005:123"], run: run, renewingBefore: "2026-08-27") == [true, true])
            return run
        }
        try ledger.transaction(commit: true) { tx in
            start.asOf = "2027-02-21"
            let run = try tx.startRun(start)
            #expect(try tx.claim(job: "j", keys: ["P1:0005:123"], run: run, renewingBefore: "2026-11-24") == [false])
        }
        try ledger.transaction(commit: true) { tx in
            start.asOf = "2027-02-22"
            let run = try tx.startRun(start)
            #expect(try tx.claim(job: "j", keys: ["P1:0005:123", "P1:0005:123"], run: run, renewingBefore: "2026-11-25") == [true, false])
            #expect(try tx.issue(of: "P1:0005:123", job: "j")?.run == run)
            #expect(try tx.issue(of: "P2:0005:123", job: "j")?.run == first)
            #expect(try tx.claim(job: "j", keys: ["P2:0005:123"], run: run) == [false], "keys without a window never renew")
        }
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

    @Test("a number is given once per sequence and fiscal year; a rolled-back run gives nothing back twice")
    func sequences() throws {
        let ledger = try SQLiteLedger()
        let number = { (key: String, n: Int) in IssuedNumber(key: key, sequence: "doc", fiscalYear: 2026, number: n) }
        try ledger.transaction(commit: true) { tx in
            let run = try tx.startRun(Self.start)
            try tx.recordNumbers([number("a", 1)], run: run, job: "j")
            try tx.saveLastNumber(sequence: "doc", fiscalYear: 2026, value: 1)
        }
        _ = try? ledger.transaction(commit: false) { tx in try tx.saveLastNumber(sequence: "doc", fiscalYear: 2026, value: 9) }
        #expect(try ledger.transaction(commit: false) { try $0.lastNumber(sequence: "doc", fiscalYear: 2026) } == 1)
        #expect(try ledger.transaction(commit: false) { try $0.lastNumber(sequence: "doc", fiscalYear: 2027) } == 0)
        #expect(throws: (any Error).self) {
            try ledger.transaction(commit: true) { tx in
                try tx.recordNumbers([number("b", 1)], run: try tx.startRun(Self.start), job: "j")
            }
        }
    }

    @Test("the rows of runs refer to their run, job and sequence; a row that refers to none is found by the check")
    func references() throws {
        let ledger = try SQLiteLedger()
        try ledger.transaction(commit: true) { tx in
            let run = try tx.startRun(Self.start)
            _ = try tx.claim(job: "j", keys: ["A", "B"], run: run)
            try tx.recordNumbers([IssuedNumber(key: "A", sequence: "doc", fiscalYear: 2026, number: 1)], run: run, job: "j")
            try tx.recordReject(run: run, location: "x.csv:3", rule: "required", field: "amount", reason: "amount is required", record: nil)
            try tx.finishRun(run: run, result: Self.result(.completedWithRejects, 3, 2, 1, 0))
        }
        #expect(try ledger.referenceProblems() == [])
        try ledger.transaction(commit: true) { tx in
            try tx.recordNumbers([IssuedNumber(key: "Z", sequence: "doc", fiscalYear: 2026, number: 2)], run: 99, job: "j")
        }
        #expect(try ledger.referenceProblems() == ["a row of documents refers to no row of runs"])
    }

    @Test("numbers are recorded many to a statement, every one of them: each is refused when given again")
    func numbersInChunks() throws {
        let ledger = try SQLiteLedger()
        let number = { (n: Int) in IssuedNumber(key: "k\(n)", sequence: "doc", fiscalYear: 2026, number: n) }
        let record = { (numbers: [IssuedNumber]) in
            try ledger.transaction(commit: true) { tx in try tx.recordNumbers(numbers, run: try tx.startRun(Self.start), job: "j") }
        }
        try record((1...130).map(number))
        for given in [1, 64, 65, 129, 130] {
            #expect(throws: (any Error).self, "number \(given)") { try record([number(131), number(given)]) }
        }
        try record([number(131)])
    }

    /// A ledger an older Jimu wrote: its schema up to `migration`, one finished run of job `j`
    /// (run 1, job 1), and `rows` besides.
    static func olderLedger(at path: String, upTo migration: String, rows: String) throws {
        let queue = try DatabaseQueue(path: path)
        try LedgerMigrations.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (job, status, started_at, as_of, host, user, pid, job_file, job_sha256)
                VALUES ('j', 'succeeded', 't', '2026-04-01', 'h', 'u', 1, 'j.yaml', '00');
                INSERT INTO jobs (name) VALUES ('j');
                """ + rows)
        }
    }

    @Test("a ledger from before v4 keeps every number it gave when its documents are rekeyed by number, and refuses them again")
    func numbersMigrate() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("l.sqlite").path
        try Self.olderLedger(at: path, upTo: "v3-documents-drawdowns", rows: """
            INSERT INTO documents (run_id, job_id, key, sequence, fiscal_year, number) VALUES
                (1, 1, 'k1', '支出命令番号', 2026, 1), (1, 1, 'k2', '支出命令番号', 2026, 2), (1, 1, 'k3', 'doc', 2025, 7);
            """)
        let ledger = try SQLiteLedger(path: path)
        #expect(try ledger.schemaVersion() == "v10-orders-under-approval")
        // The chain starts at the newest run, holding the documents the ledger had.
        let verified = try ledger.verify()
        #expect(verified.links == 1 && verified.documents == 3, "\(verified.problems)")
        #expect(verified.problems.isEmpty, "\(verified.problems)")
        let record = { (sequence: String, year: Int, number: Int) in
            try ledger.transaction(commit: true) { tx in
                try tx.recordNumbers(
                    [IssuedNumber(key: "new", sequence: sequence, fiscalYear: year, number: number)], run: try tx.startRun(Self.start), job: "j")
            }
        }
        #expect(throws: (any Error).self) { try record("支出命令番号", 2026, 2) }
        #expect(throws: (any Error).self) { try record("doc", 2025, 7) }
        try record("支出命令番号", 2026, 3)
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, d.fiscal_year, d.number, d.run_id, d.key FROM documents d JOIN number_sequences s ON s.id = d.sequence_id
                ORDER BY s.name, d.fiscal_year, d.number
                """).map { "\($0[0] as String) \($0[1] as Int) \($0[2] as Int) run \($0[3] as Int) \($0[4] as String)" }
        }
        #expect(rows == ["doc 2025 7 run 1 k3", "支出命令番号 2026 1 run 1 k1", "支出命令番号 2026 2 run 1 k2", "支出命令番号 2026 3 run 2 new"])
    }

    @Test("the ledger file is created readable by its owner only, and migrates once")
    func file() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("ledger/l.sqlite").path
        _ = try SQLiteLedger(path: path)
        let again = try SQLiteLedger(path: path)
        #expect(try again.schemaVersion() == "v10-orders-under-approval")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a ledger a newer Jimu has migrated is refused with what to do, and left as it was")
    func newerSchema() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("l.sqlite").path
        _ = try SQLiteLedger(path: path)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        }
        #expect {
            _ = try SQLiteLedger(path: path)
        } throws: { error in
            (error as? LedgerRefused)?.message.hasSuffix(
                "was written by a newer Jimu (schema v99-future); this one knows up to v10-orders-under-approval. Install that newer Jimu again; nothing was run") == true
        }
    }

    @Test("a set's digest is the same whatever order its elements came and went in")
    func setDigest() {
        let elements = (1...50).map { SetDigest(numbers: (), text: "key-\($0)") }
        var forward = SetDigest(), backward = SetDigest()
        for element in elements { forward += element }
        for element in elements.reversed() { backward += element }
        #expect(forward == backward)
        var churned = forward
        churned += SetDigest(numbers: (), text: "released")
        churned -= SetDigest(numbers: (), text: "released")
        #expect(churned == forward && SetDigest(hex: churned.hex) == forward)
        churned -= elements[7]
        #expect(churned != forward)
    }

    @Test("the ledger's page cache holds the index of a million issued keys (64 MB), not SQLite's 2 MB")
    func pageCache() throws {
        let ledger = try SQLiteLedger(path: Fixtures.temporaryDirectory().appendingPathComponent("l.sqlite").path)
        #expect(try ledger.queue.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -65536)
    }

    @Test("a backup an older Jimu wrote is restored and brought up to date, its chain started")
    func restoreOlderSchema() throws {
        let folder = Fixtures.temporaryDirectory()
        let backup = folder.appendingPathComponent("v8.sqlite").path
        try Self.olderLedger(at: backup, upTo: "v8-skipped-records", rows: "INSERT INTO issued (job_id, key, run_id) VALUES (1, 'k1', 1);")
        let restored = try SQLiteLedger.restore(from: backup, to: folder.appendingPathComponent("l.sqlite").path, at: "2026-12-02T06:30:00Z")
        #expect(restored.problems.isEmpty, "\(restored.problems)")
        #expect(restored.runs == 1 && restored.issuedKeys == 1 && restored.links == 1)
    }
}
