import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The writes of one run on the SQLite ledger, inside its open transaction.
struct SQLiteTransaction: LedgerTransaction {
    let db: Database
    /// The run this transaction started, and the issued keys and documents of the ledger as it
    /// changes them (for the run's link in the chain, `LedgerChain`).
    let state = State()

    final class State {
        var run: Int64?
        var sets: LedgerChain.Sets?
    }

    init(db: Database) {
        self.db = db
    }

    func startRun(_ start: RunStart) throws -> Int64 {
        let run = try insertRun(start, status: "running")
        state.run = run
        return run
    }

    /// The ledger's sets of issued keys and documents, read from the newest link on first use.
    private func sets() throws -> LedgerChain.Sets {
        if let sets = state.sets { return sets }
        let sets = try LedgerChain.sets(db)
        state.sets = sets
        return sets
    }

    /// Links the run this transaction started (or `run`) into the chain; called last.
    func link(run: Int64? = nil) throws {
        guard let run = run ?? state.run else { return }
        try LedgerChain.append(run: run, sets: try sets(), db)
    }

    func insertRun(_ start: RunStart, status: String) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO runs (job, title, status, started_at, as_of, host, user, pid, job_file, job_sha256, kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                start.job, start.title, status, start.startedAt, start.asOf, start.host, start.user, start.pid,
                start.jobFile, start.jobSHA256, start.kind.rawValue,
            ])
        return db.lastInsertedRowID
    }

    /// Inserts in key order (SQLite's binary collation), so a batch walks the index once instead of
    /// touching a random page per key; results come back in the caller's order.
    /// A key is renewed by moving its row to this run, so it stays unique; the earlier run's
    /// documents keep their own record in `documents`.
    func claim(job: String, keys: [String], fingerprints: [Fingerprint?], run: Int64, renewingBefore: String?) throws -> [Bool] {
        let jobID = try self.jobID(job)
        let order = Self.binaryOrder(keys)
        let insert = RawStatement(try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO issued (job_id, key, run_id, fingerprint, amount) VALUES (?, ?, ?, ?, ?)"))
        let renewal = try renewingBefore.map { _ in
            try db.cachedStatement(sql: """
                UPDATE issued SET run_id = ?, fingerprint = ?, amount = ? WHERE job_id = ? AND key = ?
                AND run_id IN (SELECT id FROM runs WHERE as_of < ?)
                """)
        }
        insert.bind(1, jobID)
        insert.bind(3, run)
        let sets = try self.sets()
        var claimed = [Bool](repeating: false, count: keys.count)
        for index in order {
            insert.bind(2, keys[index])
            insert.bind(4, fingerprints[index]?.digest)
            insert.bind(5, fingerprints[index]?.amount.map(Int64.init))
            claimed[index] = try insert.execute(on: db) == 1
            if claimed[index] {
                sets.issuedKeys += 1
                sets.issuedSum += LedgerChain.issuedElement(job: jobID, key: keys[index])
            }
            if !claimed[index], let renewal, let renewingBefore {
                renewal.setUncheckedArguments([
                    run, fingerprints[index]?.digest, fingerprints[index]?.amount, jobID, keys[index], renewingBefore,
                ])
                try renewal.execute()
                claimed[index] = db.changesCount == 1
            }
        }
        return claimed
    }

    /// The positions of `keys` in SQLite's binary collation (the UTF-8 bytes compared with
    /// memcmp, a prefix before what it begins), equal keys in their own order. Keys are told apart
    /// by their first 16 bytes as two numbers; only keys that share those are compared whole.
    static func binaryOrder(_ keys: [String]) -> [Int] {
        let prefixes = keys.map { key in
            var key = key
            return key.withUTF8 { bytes in
                var (high, low): (UInt64, UInt64) = (0, 0)
                for index in 0..<16 {
                    let byte = index < bytes.count ? UInt64(bytes[index]) : 0
                    if index < 8 { high = high << 8 | byte } else { low = low << 8 | byte }
                }
                return (high, low)
            }
        }
        return keys.indices.sorted { left, right in
            if prefixes[left] != prefixes[right] { return prefixes[left] < prefixes[right] }
            var (first, second) = (keys[left], keys[right])
            let order = first.withUTF8 { first in
                second.withUTF8 { second in
                    let common = min(first.count, second.count)
                    let order = common == 0 ? 0 : Int(memcmp(first.baseAddress!, second.baseAddress!, common))
                    return order != 0 ? order : first.count - second.count
                }
            }
            return order == 0 ? left < right : order < 0
        }
    }

    func release(job: String, key: String, run: Int64) throws {
        let jobID = try jobID(job)
        try db.execute(sql: "DELETE FROM issued WHERE job_id = ? AND key = ? AND run_id = ?", arguments: [jobID, key, run])
        if db.changesCount == 1 {
            let sets = try self.sets()
            sets.issuedKeys -= 1
            sets.issuedSum -= LedgerChain.issuedElement(job: jobID, key: key)
        }
    }

    /// Asked of every skipped key on a re-run: one cached statement, stepped through the C API.
    func issue(of key: String, job: String) throws -> EarlierIssue? {
        let select = RawStatement(try db.cachedStatement(sql: """
            SELECT issued.run_id, runs.as_of, issued.fingerprint, issued.amount FROM issued JOIN runs ON runs.id = issued.run_id
            WHERE issued.job_id = (SELECT id FROM jobs WHERE name = ?) AND issued.key = ?
            """))
        select.bind(1, job)
        select.bind(2, key)
        return try select.row(on: db) { row in
            EarlierIssue(
                run: row.int64(0) ?? 0, asOf: row.text(1),
                fingerprint: row.int64(2).map { Fingerprint(digest: $0, amount: row.int64(3).map(Int.init)) })
        }
    }

    func recordSkipped(run: Int64, _ skipped: [SkippedRecords]) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO skipped (run_id, first_location, last_location, records, reason) VALUES (?, ?, ?, ?, ?)
            """)
        for range in skipped {
            try insert.execute(arguments: [run, range.first, range.last, range.count, range.reason])
        }
    }

    /// Asked only to name the document of a conflict or a correction: the documents are kept by
    /// number, so this reads the sequence's documents.
    func document(of key: String, sequence: String) throws -> (fiscalYear: Int, number: Int)? {
        let row = try Row.fetchOne(db, sql: """
            SELECT fiscal_year, number FROM documents
            WHERE sequence_id = (SELECT id FROM number_sequences WHERE name = ?) AND key = ?
            ORDER BY run_id DESC LIMIT 1
            """, arguments: [sequence, key])
        return row.map { ($0[0], $0[1]) }
    }

    func hasReplacements(job: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM replaced WHERE job_id = ?)", arguments: [try jobID(job)]) ?? false
    }

    func replacement(of key: String, job: String) throws -> (key: String, issue: EarlierIssue)? {
        let row = try Row.fetchOne(db, sql: """
            SELECT replaced.by_key, replaced.run_id, runs.as_of FROM replaced JOIN runs ON runs.id = replaced.run_id
            WHERE replaced.job_id = ? AND replaced.key = ?
            """, arguments: [try jobID(job), key])
        return row.map { ($0[0], EarlierIssue(run: $0[1], asOf: $0[2], fingerprint: nil)) }
    }

    func recordReplacement(of replaced: String, by key: String, job: String, run: Int64) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO replaced (job_id, key, by_key, run_id) VALUES (?, ?, ?, ?)",
            arguments: [try jobID(job), replaced, key, run])
    }

    /// The number of a job name, created on first use.
    private func jobID(_ job: String) throws -> Int64 {
        try id(of: job, in: "jobs")
    }

    /// The number of a name in a table of names (`jobs`, `number_sequences`), created on first use.
    func id(of name: String, in table: String) throws -> Int64 {
        let select = try db.cachedStatement(sql: "SELECT id FROM \(table) WHERE name = ?")
        if let id = try Int64.fetchOne(select, arguments: [name]) { return id }
        try db.execute(sql: "INSERT INTO \(table) (name) VALUES (?)", arguments: [name])
        return db.lastInsertedRowID
    }

    func recordInputs(run: Int64, input: String, files: [InputFileDigest]) throws {
        for file in files {
            try db.execute(
                sql: "INSERT INTO run_inputs (run_id, input, path, sha256, size, records) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [run, input, file.path, file.sha256, file.size, file.records])
        }
    }

    func recordReject(run: Int64, location: String, rule: String, field: String?, reason: String, record: String?) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO rejects (run_id, location, rule, field, reason, record) VALUES (?, ?, ?, ?, ?, ?)")
        try statement.execute(arguments: [run, location, rule, field, reason, record])
    }

    func newRejects(run: Int64, job: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM rejects AS this WHERE run_id = ? AND (record IS NULL OR NOT EXISTS (
                SELECT 1 FROM rejects AS earlier JOIN runs ON runs.id = earlier.run_id
                WHERE earlier.record = this.record AND earlier.run_id < this.run_id AND runs.job = ?))
            """, arguments: [run, job]) ?? 0
    }

    func recordOutputs(run: Int64, files: [OutputRecord]) throws {
        for file in files {
            try db.execute(
                sql: """
                    INSERT INTO outputs (run_id, path, absolute_path, temporary_path, sha256, size, kind, records)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run, file.path, file.absolutePath, file.temporaryPath, file.sha256, file.size, file.kind, file.records,
                ])
        }
    }

    func finishRun(run: Int64, result: RunResult) throws {
        try db.execute(
            sql: """
                UPDATE runs SET status = ?, input_records = ?, issued = ?, rejected = ?, skipped = ?,
                    rejects_file = ?, finished_at = ? WHERE id = ?
                """,
            arguments: [
                result.status.rawValue, result.input, result.issued, result.rejected, result.skipped, result.rejectsFile,
                result.finishedAt, run,
            ])
    }

    func credit(_ credit: SavingsCredit) throws {
        try db.execute(
            sql: """
                INSERT INTO savings (run_id, job, fiscal_year, run_date, records, minutes, manual_minutes_per_record,
                    review_minutes_per_record, manual_minutes_per_run, basis, effective_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                credit.run, credit.job, credit.fiscalYear, credit.runDate, credit.records, credit.minutes,
                credit.baseline.manualMinutesPerRecord, credit.baseline.reviewMinutesPerRecord, credit.baseline.manualMinutesPerRun,
                credit.baseline.basis, credit.baseline.effectiveFrom,
            ])
    }

    func lastNumber(sequence: String, fiscalYear: Int) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT last_value FROM sequences WHERE name = ? AND fiscal_year = ?", arguments: [sequence, fiscalYear]) ?? 0
    }

    /// Many rows per statement: one statement per record costs more than the rows themselves.
    func recordNumbers(_ issued: [IssuedNumber], run: Int64, job: String) throws {
        let jobID = try jobID(job)
        var sequence: (name: String, id: Int64)?
        let sets = try self.sets()
        let rowsPerStatement = Self.documentsPerStatement
        for start in stride(from: 0, to: issued.count, by: rowsPerStatement) {
            let chunk = issued[start..<min(start + rowsPerStatement, issued.count)]
            let insert = RawStatement(try db.cachedStatement(
                sql: chunk.count == rowsPerStatement ? Self.insertDocuments : Self.insertDocuments(rows: chunk.count)))
            for (row, number) in chunk.enumerated() {
                let first = Int32(row * 6)
                if sequence?.name != number.sequence { sequence = (number.sequence, try id(of: number.sequence, in: "number_sequences")) }
                insert.bind(first + 1, sequence!.id)
                insert.bind(first + 2, Int64(number.fiscalYear))
                insert.bind(first + 3, Int64(number.number))
                insert.bind(first + 4, run)
                insert.bind(first + 5, jobID)
                insert.bind(first + 6, number.key)
                sets.documents.add(
                    sequence: sequence!.id, fiscalYear: Int64(number.fiscalYear), number: Int64(number.number), job: jobID, key: number.key)
            }
            _ = try insert.execute(on: db)
        }
    }

    private static let documentsPerStatement = 64
    /// The statement for a full chunk of documents, built once: its SQL is the cache's key.
    private static let insertDocuments = insertDocuments(rows: documentsPerStatement)

    private static func insertDocuments(rows: Int) -> String {
        "INSERT INTO documents (sequence_id, fiscal_year, number, run_id, job_id, key) VALUES "
            + repeatElement("(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    func saveLastNumber(sequence: String, fiscalYear: Int, value: Int) throws {
        try db.execute(
            sql: """
                INSERT INTO sequences (name, fiscal_year, last_value) VALUES (?, ?, ?)
                ON CONFLICT (name, fiscal_year) DO UPDATE SET last_value = max(last_value, excluded.last_value)
                """,
            arguments: [sequence, fiscalYear, value])
    }

    func drawn(balance: String, account: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COALESCE(SUM(amount), 0) FROM drawdowns WHERE balance = ? AND account = ?", arguments: [balance, account]) ?? 0
    }

    func recordDrawdowns(run: Int64, balance: String, _ amounts: [String: (amount: Int, records: Int)]) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO drawdowns (run_id, balance, account, amount, records) VALUES (?, ?, ?, ?, ?)")
        for (account, drawn) in amounts.sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: [run, balance, account, drawn.amount, drawn.records])
        }
    }
}
