import Foundation
import GRDB

/// What `jimu ledger verify` found: the ledger's size, and every problem with the run it concerns.
public struct LedgerVerification: Sendable {
    /// Runs recorded.
    public var runs = 0
    /// Keys issued.
    public var issuedKeys = 0
    /// Document numbers given.
    public var documents = 0
    /// Links in the chain, and the first run linked.
    public var links = 0
    public var firstLinked: Int64?
    /// The newest link: the run and its digest.
    public var head: (run: Int64, digest: String)?
    /// What is wrong, oldest run first; empty for a sound ledger.
    public var problems: [String] = []
    /// What is worth knowing but not wrong (a run a crash left unfinished).
    public var notes: [String] = []
}

extension LedgerVerification {
    /// Checks a ledger's file, references, counts and chain.
    static func check(_ db: Database) throws -> LedgerVerification {
        var result = try checkFile(db)
        try checkCounts(db, into: &result)
        try checkChain(db, into: &result)
        try checkOrders(db, into: &result)
        return result
    }

    /// Each order under approval is where its chained history left it: state and 振込指定日.
    private static func checkOrders(_ db: Database, into result: inout LedgerVerification) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.name, o.fiscal_year, o.number, o.state, o.pay_on,
                (\(SQLiteTransaction.newestEvent("state"))) AS history, (\(SQLiteTransaction.newestEvent("payment_date"))) AS dated
            FROM orders AS o JOIN number_sequences AS s ON s.id = o.sequence_id
            WHERE o.state IS NOT history OR o.pay_on IS NOT dated
            ORDER BY s.name, o.fiscal_year, o.number
            """)
        result.problems += rows.map { row in
            "order \(row[0] as String) \(row[2] as Int) of \(row[1] as Int): the ledger says \(row[3] as String) on \(row[4] as String? ?? "-"), its history \(row[5] as String? ?? "nothing") on \(row[6] as String? ?? "-") (changed outside Jimu)"
        }
    }

    /// Checks what any schema's ledger can be checked for: the file and its references (a backup
    /// an older Jimu wrote is checked in full once restored and brought up to date).
    static func checkFile(_ db: Database) throws -> LedgerVerification {
        var result = LedgerVerification()
        result.runs = try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0
        result.problems += try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }.map { "SQLite: \($0)" }
        result.problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            "a row of table \(row[0] as String? ?? "?") (rowid \(row[1] as Int64? ?? 0)) refers to no row of \(row[2] as String? ?? "?")"
        }
        return result
    }

    /// Every id from the first to the last run is there, and each finished run's rows agree with
    /// its counts.
    private static func checkCounts(_ db: Database, into result: inout LedgerVerification) throws {
        let missing = try Int64.fetchAll(db, sql: """
            WITH RECURSIVE ids(id) AS (SELECT MIN(id) FROM runs UNION ALL SELECT id + 1 FROM ids WHERE id < (SELECT MAX(id) FROM runs))
            SELECT id FROM ids WHERE id NOT IN (SELECT id FROM runs)
            """)
        result.problems += missing.map { "run \($0): its row was removed (the runs before and after it are there)" }
        let finished = "status IN ('succeeded', 'completed_with_rejects', 'publishing')"
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, input_records, issued, rejected, skipped,
                (SELECT count(*) FROM rejects WHERE run_id = runs.id) AS reject_rows,
                (SELECT COALESCE(SUM(records), 0) FROM skipped WHERE run_id = runs.id) AS skipped_rows,
                (SELECT count(*) FROM skipped WHERE run_id = runs.id) AS skipped_ranges
            FROM runs WHERE \(finished) ORDER BY id
            """)
        for row in rows {
            let (id, input, issued, rejected, skipped): (Int64, Int, Int, Int, Int) = (row["id"], row["input_records"], row["issued"], row["rejected"], row["skipped"])
            if input != issued + rejected + skipped {
                result.problems.append("run \(id): \(input) records read, but \(issued) issued + \(rejected) rejected + \(skipped) skipped")
            }
            if row["reject_rows"] as Int != rejected {
                result.problems.append("run \(id): \(rejected) records rejected, but \(row["reject_rows"] as Int) reasons recorded")
            }
            if row["skipped_ranges"] as Int > 0, row["skipped_rows"] as Int != skipped {
                result.problems.append("run \(id): \(skipped) records skipped, but the skipped ranges hold \(row["skipped_rows"] as Int)")
            }
        }
        let unfinished = try Int64.fetchAll(db, sql: "SELECT id FROM runs WHERE status = 'running' ORDER BY id")
        result.notes += unfinished.map { "run \($0) never finished (the process ended during it; nothing it did was kept)" }
    }

    /// Each link follows the one before and matches the rows it covers and its run's document
    /// numbers; the newest holds the set of issued keys the table holds now.
    private static func checkChain(_ db: Database, into result: inout LedgerVerification) throws {
        let documents = try LedgerChain.recountDocuments(db)
        result.documents = documents.values.reduce(0) { $0 + $1.count }
        var previous: LedgerChain.Link?
        var linked: Set<Int64> = []
        let links = try LedgerChain.links(db)
        while let row = try links.next() {
            let link = LedgerChain.link(row)
            result.links += 1
            linked.insert(link.run)
            if result.firstLinked == nil { result.firstLinked = link.run }
            if let previous, link.previous != previous.digest {
                result.problems.append("run \(link.run): the link before it does not match (a link between run \(previous.run) and run \(link.run) was removed or changed)")
            } else if previous == nil, !link.previous.isEmpty {
                result.problems.append("run \(link.run): the chain starts with a link that follows another (the first links were removed)")
            }
            if try LedgerChain.digest(of: link, db) != link.digest {
                result.problems.append("run \(link.run): its row, inputs, outputs, rejects, skipped ranges, drawdowns or savings were changed after it was recorded (its link does not match)")
            }
            let numbers = documents[link.run] ?? RunDocuments()
            if numbers.count != link.documents || numbers.digest != link.documentsDigest {
                result.problems.append("""
                    run \(link.run): it gave \(link.documents) document number\(link.documents == 1 ? "" : "s"), the ledger holds \(numbers.count)\
                    \(numbers.count == link.documents ? " with other numbers or keys" : ""): numbers were removed, added or changed outside Jimu
                    """)
            }
            previous = link
        }
        let (issuedKeys, issuedSum) = try LedgerChain.recountIssued(db)
        result.issuedKeys = issuedKeys
        guard let newest = previous else {
            if result.runs > 0 { result.problems.append("the ledger has runs but no chain: its links were removed") }
            return
        }
        result.head = (newest.run, newest.digest)
        let firstLinked = result.firstLinked ?? 0
        for run in documents.keys.sorted() where run > firstLinked && !linked.contains(run) {
            result.problems.append("run \(run): it has document numbers but no link (removed, or the numbers were added outside Jimu)")
        }
        let unlinked = try Int64.fetchAll(db, sql: """
            SELECT id FROM runs WHERE id > ? AND status != 'running' AND id NOT IN (SELECT run_id FROM run_chain) ORDER BY id
            """, arguments: [firstLinked])
        result.problems += unlinked.map { "run \($0): it has no link (removed, or the run was added outside Jimu)" }
        if issuedKeys != newest.issuedKeys || issuedSum != newest.issuedSum {
            result.problems.append("""
                issued keys: the ledger holds \(issuedKeys), the newest link (run \(newest.run)) recorded \(newest.issuedKeys); \
                keys were \(issuedKeys < newest.issuedKeys ? "removed" : issuedKeys > newest.issuedKeys ? "added" : "changed") \
                outside Jimu, so a document could be issued twice
                """)
        }
    }
}
