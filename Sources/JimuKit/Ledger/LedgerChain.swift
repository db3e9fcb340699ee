import Crypto
import Foundation
import GRDB

/// The ledger's tamper evidence. Every finished run gets a link in `run_chain`: a SHA-256 of the
/// link before it, of the run's row, inputs, outputs, rejects and skipped ranges, and of the sets
/// of issued keys and document numbers of the whole ledger after the run (`SetDigest`). A row
/// edited or removed with `sqlite3` no longer matches its link, or the link after it, and
/// `jimu ledger verify` names the first such run; the output root's `.jimu-ledger` names the
/// newest link, so that removing the last runs shows too.
enum LedgerChain {
    /// One link, as stored.
    struct Link: Equatable {
        var run: Int64
        var previous: String
        var issuedKeys: Int
        var issuedSum: SetDigest
        var documents: Int
        var documentsSum: SetDigest
        var digest: String
    }

    /// The sets a run leaves behind: kept up to date by the transaction as keys are claimed or
    /// released and numbers given, and stored in the run's link.
    final class Sets {
        var issuedKeys = 0
        var issuedSum = SetDigest()
        var documents = 0
        var documentsSum = SetDigest()
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
            documentsSum: SetDigest(hex: row["documents_sum"]) ?? SetDigest(), digest: row["digest"])
    }

    /// The sets as the newest link left them.
    static func sets(_ db: Database) throws -> Sets {
        let sets = Sets()
        if let last = try last(db) {
            (sets.issuedKeys, sets.issuedSum, sets.documents, sets.documentsSum) =
                (last.issuedKeys, last.issuedSum, last.documents, last.documentsSum)
        }
        return sets
    }

    /// The sets as the tables hold them now (`jimu ledger verify`, and the first link).
    static func recount(_ db: Database) throws -> Sets {
        let sets = Sets()
        let issued = try Row.fetchCursor(db, sql: "SELECT job_id, key FROM issued")
        while let row = try issued.next() {
            sets.issuedKeys += 1
            sets.issuedSum += issuedElement(job: row[0], key: row[1])
        }
        let documents = try Row.fetchCursor(db, sql: "SELECT sequence_id, fiscal_year, number, run_id, job_id, key FROM documents")
        while let row = try documents.next() {
            sets.documents += 1
            sets.documentsSum += documentElement(sequence: row[0], fiscalYear: row[1], number: row[2], run: row[3], job: row[4], key: row[5])
        }
        return sets
    }

    /// Links a run that has reached its end (finished, failed, interrupted or overlapped) after
    /// the newest link.
    static func append(run: Int64, sets: Sets, _ db: Database) throws {
        let previous = try last(db)?.digest ?? ""
        var link = Link(
            run: run, previous: previous, issuedKeys: sets.issuedKeys, issuedSum: sets.issuedSum,
            documents: sets.documents, documentsSum: sets.documentsSum, digest: "")
        link.digest = try digest(of: link, db)
        try db.execute(
            sql: """
                INSERT INTO run_chain (run_id, previous, issued_keys, issued_sum, documents, documents_sum, digest)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [run, previous, link.issuedKeys, link.issuedSum.hex, link.documents, link.documentsSum.hex, link.digest])
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
        add("issued \(link.issuedKeys) \(link.issuedSum.hex)")
        add("documents \(link.documents) \(link.documentsSum.hex)")
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

    /// The element of the issued-key set for a key of a job.
    static func issuedElement(job: Int64, key: String) -> SetDigest {
        SetDigest(element: "\(job)\u{1F}\(key)")
    }

    /// The element of the document set for a number given to a key.
    static func documentElement(sequence: Int64, fiscalYear: Int64, number: Int64, run: Int64, job: Int64, key: String) -> SetDigest {
        SetDigest(element: "\(sequence)\u{1F}\(fiscalYear)\u{1F}\(number)\u{1F}\(run)\u{1F}\(job)\u{1F}\(key)")
    }
}

/// A digest of a set that is kept up to date one element at a time: the sum, modulo 2^256, of the
/// SHA-256 of each element. Adding and removing in any order gives the same digest as the set.
struct SetDigest: Equatable {
    private var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    /// The digest of a one-element set.
    init(element: String) {
        var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let hash = SHA256.hash(data: Data(element.utf8))
        hash.withUnsafeBytes { bytes in
            func word(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(bytes[at + $1]) } }
            words = (word(0), word(8), word(16), word(24))
        }
        limbs = words
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
