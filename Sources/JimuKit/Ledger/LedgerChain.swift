import Crypto
import Foundation
import GRDB

/// The ledger's tamper evidence. Every finished run gets a link in `run_chain`: a SHA-256 of the
/// link before it; of the run's row, inputs, outputs, rejects, skipped ranges, drawdowns and
/// savings; of the document numbers the run gave (`RunDocuments`); and of the set of keys issued
/// in the whole ledger after the run (`SetDigest`, which a renewal or a released key keeps true).
/// A row edited or removed with `sqlite3` no longer matches its link, or the link after it, and
/// `jimu ledger verify` names the first such run; the output root's `.jimu-ledger` names the
/// newest link, so that removing the last runs shows too.
enum LedgerChain {
    /// One link, as stored.
    struct Link: Equatable {
        var run: Int64
        var previous: String
        /// Keys issued in the ledger after the run, and the digest of their set.
        var issuedKeys: Int
        var issuedSum: SetDigest
        /// Document numbers the run gave, and their digest.
        var documents: Int
        var documentsDigest: String
        var digest: String
    }

    /// The issued keys a run leaves behind, kept up to date by the transaction as keys are
    /// claimed or released, and the numbers it gives; stored in the run's link.
    final class Sets {
        var issuedKeys = 0
        var issuedSum = SetDigest()
        var documents = RunDocuments()
    }

    /// The newest link, nil for a ledger without one.
    static func last(_ db: Database) throws -> Link? {
        try Row.fetchOne(db, sql: "SELECT * FROM run_chain ORDER BY run_id DESC LIMIT 1").map(link)
    }

    /// Every link, oldest first.
    static func links(_ db: Database) throws -> RowCursor {
        try Row.fetchCursor(db, sql: "SELECT * FROM run_chain ORDER BY run_id")
    }

    static func link(_ row: Row) -> Link {
        Link(
            run: row["run_id"], previous: row["previous"], issuedKeys: row["issued_keys"],
            issuedSum: SetDigest(hex: row["issued_sum"]) ?? SetDigest(), documents: row["documents"],
            documentsDigest: row["documents_digest"], digest: row["digest"])
    }

    /// The issued keys as the newest link left them, and no documents yet.
    static func sets(_ db: Database) throws -> Sets {
        let sets = Sets()
        if let last = try last(db) { (sets.issuedKeys, sets.issuedSum) = (last.issuedKeys, last.issuedSum) }
        return sets
    }

    /// The issued keys as the table holds them now (`jimu ledger verify`, and the first link).
    static func recountIssued(_ db: Database) throws -> (count: Int, sum: SetDigest) {
        var (count, sum) = (0, SetDigest())
        let issued = try Row.fetchCursor(db, sql: "SELECT job_id, key FROM issued")
        while let row = try issued.next() {
            count += 1
            sum += issuedElement(job: row[0], key: row[1])
        }
        return (count, sum)
    }

    /// The document numbers of every run as the table holds them now, read once in number order.
    static func recountDocuments(_ db: Database) throws -> [Int64: RunDocuments] {
        var runs: [Int64: RunDocuments] = [:]
        let documents = try Row.fetchCursor(db, sql: """
            SELECT run_id, sequence_id, fiscal_year, number, job_id, key FROM documents ORDER BY sequence_id, fiscal_year, number
            """)
        while let row = try documents.next() {
            runs[row[0], default: RunDocuments()].add(sequence: row[1], fiscalYear: row[2], number: row[3], job: row[4], key: row[5])
        }
        return runs
    }

    /// Links a run that has reached its end (finished, failed, interrupted or overlapped) after
    /// the newest link.
    static func append(run: Int64, sets: Sets, _ db: Database) throws {
        let previous = try last(db)?.digest ?? ""
        var link = Link(
            run: run, previous: previous, issuedKeys: sets.issuedKeys, issuedSum: sets.issuedSum,
            documents: sets.documents.count, documentsDigest: sets.documents.digest, digest: "")
        link.digest = try digest(of: link, db)
        try db.execute(
            sql: """
                INSERT INTO run_chain (run_id, previous, issued_keys, issued_sum, documents, documents_digest, digest)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [run, previous, link.issuedKeys, link.issuedSum.hex, link.documents, link.documentsDigest, link.digest])
    }

    /// What a link's digest must be, from the rows as they are now.
    static func digest(of link: Link, _ db: Database) throws -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{1E}").utf8)) }
        add("jimu-chain-1")
        add(link.previous)
        add("\(link.run)")
        // The status is left out: `publishing` becomes `succeeded` once the files are in place.
        for (table, columns, order) in coveredRows {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(columns) FROM \(table) WHERE \(table == "runs" ? "id" : "run_id") = ? ORDER BY \(order)",
                arguments: [link.run])
            add(table)
            for row in rows { add(row.databaseValues.map { $0.isNull ? "\u{0}" : "\($0)" }.joined(separator: "\u{1F}")) }
        }
        // Added with 決裁 (v10): covered only where a run has them, so that the links of runs made
        // before keep their digests.
        // (`SELECT *`: a ledger is linked by the v9 migration, before v10 adds the column.)
        if let kind = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [link.run])?["kind"] as String?,
           kind != RunKind.issue.rawValue
        {
            add("kind \(kind)")
        }
        // A run may hold a year's orders: their rows are streamed and hashed as they are, not
        // held or printed.
        for (table, columns, order) in approvalRows where try db.tableExists(table) {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(columns) FROM \(table) WHERE run_id = ? ORDER BY \(order)", arguments: [link.run])
            var first = true
            var bytes: [UInt8] = []
            while let row = try rows.next() {
                if first { add(table) }
                first = false
                bytes.removeAll(keepingCapacity: true)
                for value in row.databaseValues { Self.append(value, to: &bytes) }
                bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
        }
        add("issued \(link.issuedKeys) \(link.issuedSum.hex)")
        add("documents \(link.documents) \(link.documentsDigest)")
        return FileDigest.hex(hasher.finalize())
    }

    /// The rows of a run a link covers: table, columns, order.
    private static let coveredRows = [
        ("runs", """
            id, job, title, started_at, finished_at, as_of, host, user, pid, job_file, job_sha256, input_records, issued, \
            rejected, skipped, rejects_file, message
            """, "id"),
        ("run_inputs", "input, path, sha256, size, records", "rowid"),
        ("outputs", "path, sha256, size, kind, records", "rowid"),
        ("rejects", "location, rule, field, reason, record", "rowid"),
        ("skipped", "first_location, last_location, records, reason", "rowid"),
        ("drawdowns", "balance, account, amount, records", "rowid"),
        ("savings", "fiscal_year, run_date, records, minutes", "run_id"),
    ]

    /// A value as a link hashes it: a tag, and its bytes after their length (numbers as 8 bytes).
    private static func append(_ value: DatabaseValue, to bytes: inout [UInt8]) {
        func append(_ tag: UInt8, _ part: some Collection<UInt8>) {
            bytes.append(tag)
            bytes.appendCounted(part)
        }
        switch value.storage {
        case .null: bytes.append(0)
        case .int64(let number): withUnsafeBytes(of: number.littleEndian) { append(1, $0) }
        case .double(let number): withUnsafeBytes(of: number.bitPattern.littleEndian) { append(2, $0) }
        case .string(let text): append(3, text.utf8)
        case .blob(let data): append(4, data)
        }
    }

    /// The rows of the orders a run issued under approval (what is kept as issued, not their state
    /// now) and of the state changes it made.
    private static let approvalRows = [
        ("orders", "sequence_id, fiscal_year, number, job_id, key, payment_date, amount, transfer, balance, balance_account, drawn", "sequence_id, fiscal_year, number"),
        ("order_events", "sequence_id, fiscal_year, number, state, actor, decided_on, payment_date, note, reference", "rowid"),
    ]

    /// The element of the issued-key set for a key of a job.
    static func issuedElement(job: Int64, key: String) -> SetDigest {
        SetDigest(numbers: job, text: key)
    }
}

/// The document numbers one run gave, as a digest: per sequence and fiscal year, a SHA-256 of
/// the numbers in order with the job and key each went to (a run gives them in increasing order,
/// and `verify` reads them so), then one SHA-256 over those. One streamed hash per document,
/// instead of a digest of its own.
struct RunDocuments {
    private struct Stream: Hashable, Comparable {
        let sequence: Int64
        let fiscalYear: Int64
        static func < (lhs: Stream, rhs: Stream) -> Bool { (lhs.sequence, lhs.fiscalYear) < (rhs.sequence, rhs.fiscalYear) }
    }

    /// The stream numbers go to now (a run gives one sequence's numbers, mostly), and the others.
    private var current: (stream: Stream, hasher: SHA256, count: Int)?
    private var others: [Stream: (hasher: SHA256, count: Int)] = [:]
    /// The numbers added.
    private(set) var count = 0

    mutating func add(sequence: Int64, fiscalYear: Int64, number: Int64, job: Int64, key: String) {
        let stream = Stream(sequence: sequence, fiscalYear: fiscalYear)
        if current?.stream != stream {
            if let current { others[current.stream] = (current.hasher, current.count) }
            let resumed = others.removeValue(forKey: stream)
            current = (stream, resumed?.hasher ?? SHA256(), resumed?.count ?? 0)
        }
        withUnsafeBytes(of: (number, job)) { current!.hasher.update(bufferPointer: $0) }
        var key = key
        key.withUTF8 { current!.hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0x1F)) { current!.hasher.update(bufferPointer: $0) }
        current!.count += 1
        count += 1
    }

    /// The digest, hex; empty for a run that gave no number.
    var digest: String {
        guard count > 0 else { return "" }
        var streams = others
        if let current { streams[current.stream] = (current.hasher, current.count) }
        var all = SHA256()
        for (stream, entry) in streams.sorted(by: { $0.key < $1.key }) {
            let line = "\(stream.sequence) \(stream.fiscalYear) \(entry.count) \(FileDigest.hex(entry.hasher.finalize()))\n"
            all.update(data: Data(line.utf8))
        }
        return FileDigest.hex(all.finalize())
    }
}

/// A digest of a set that is kept up to date one element at a time: the sum, modulo 2^256, of the
/// BLAKE2s-256 of each element (`SetElementHash`). Adding and removing in any order gives the same
/// digest as the set.
struct SetDigest: Equatable {
    private var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    /// The digest of the one-element set of numbers (an `Int64` or a tuple of them, `()` for none)
    /// and a text, hashed as they are in memory (the numbers' bytes, then the text's UTF-8): one is
    /// made for every key issued, so nothing is formatted or copied on the way.
    init<Numbers>(numbers: Numbers, text: String) {
        var text = text
        limbs = withUnsafeBytes(of: numbers) { prefix in
            text.withUTF8 { SetElementHash.digest(prefix: prefix, text: UnsafeRawBufferPointer($0)) }
        }
    }

    init?(hex: String) {
        guard hex.utf8.count == 64 else { return nil }
        let parts = stride(from: 0, to: 64, by: 16).compactMap { start -> UInt64? in
            let from = hex.index(hex.startIndex, offsetBy: start)
            return UInt64(hex[from..<hex.index(from, offsetBy: 16)], radix: 16)
        }
        guard parts.count == 4 else { return nil }
        limbs = (parts[0], parts[1], parts[2], parts[3])
    }

    var hex: String {
        [limbs.0, limbs.1, limbs.2, limbs.3].map {
            let digits = String($0, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    static func + (lhs: SetDigest, rhs: SetDigest) -> SetDigest {
        var sum = SetDigest()
        var carry: UInt64 = 0
        func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (partial, overflow1) = a.addingReportingOverflow(b)
            let (total, overflow2) = partial.addingReportingOverflow(carry)
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            return total
        }
        let d = add(lhs.limbs.3, rhs.limbs.3)
        let c = add(lhs.limbs.2, rhs.limbs.2)
        let b = add(lhs.limbs.1, rhs.limbs.1)
        let a = add(lhs.limbs.0, rhs.limbs.0)
        sum.limbs = (a, b, c, d)
        return sum
    }

    /// The additive inverse (two's complement), to remove an element.
    static prefix func - (value: SetDigest) -> SetDigest {
        var inverted = SetDigest()
        inverted.limbs = (~value.limbs.0, ~value.limbs.1, ~value.limbs.2, ~value.limbs.3)
        var one = SetDigest()
        one.limbs = (0, 0, 0, 1)
        return inverted + one
    }

    static func += (lhs: inout SetDigest, rhs: SetDigest) { lhs = lhs + rhs }
    static func -= (lhs: inout SetDigest, rhs: SetDigest) { lhs = lhs + -rhs }

    static func == (lhs: SetDigest, rhs: SetDigest) -> Bool { lhs.limbs == rhs.limbs }
}
