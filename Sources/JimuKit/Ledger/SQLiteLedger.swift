import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The embedded ledger: one SQLite file (WAL), created 0600, migrated on open.
public final class SQLiteLedger: Ledger {
    let queue: DatabaseQueue

    /// Opens (creating and migrating when needed) the ledger at a path.
    /// - Throws: `LedgerError` when the file cannot be opened or migrated.
    public init(path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 || ![EACCES, EPERM, EROFS].contains(errno) else { throw Self.unwritable(path, errno) }
            if descriptor >= 0 { close(descriptor) }
            let folder = (path as NSString).deletingLastPathComponent
            // The WAL and its index are files beside the ledger, made by whoever writes first.
            guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else { throw Self.unwritable(folder, errno) }
            var configuration = Self.configuration
            configuration.busyMode = .timeout(600)
            configuration.prepareDatabase { db in
                // A page cache that holds the index of issued keys: with SQLite's 2 MB, a run of
                // 1,000,000 unsorted keys read and wrote a page per key (920,060 pread64 and 928,777
                // pwrite64, strace). The cache takes memory only for the pages a run touches.
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // An up-to-date ledger is only read here: a run in progress holds the write lock for its
            // whole transaction, and another invocation must reach the job lock (exit 75) at once.
            let migrator = LedgerMigrations.migrator
            // A ledger a newer Jimu has migrated is refused, never written with an older schema.
            if let newest = try queue.read(LedgerMigrations.unknownSchema) {
                throw LedgerRefused(message: """
                    the ledger '\(path)' was written by a newer Jimu (schema \(newest)); this one knows up to \
                    \(migrator.migrations.last ?? "none"). Install that newer Jimu again; nothing was run
                    """)
            }
            if try !queue.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(queue) }
        } catch let error as LedgerRefused {
            throw error
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
            throw Self.unwritable(path, EACCES)
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw LedgerRefused(message: """
                the ledger '\(path)' is damaged or not a Jimu ledger (\(error.message ?? "SQLite: file is not a database")); \
                nothing was run. Restore it from a backup, or move it aside and start a new ledger on purpose \
                with 'jimu run --new-ledger REASON'
                """)
        } catch {
            throw LedgerError(message: "cannot open the ledger '\(path)': \(error)")
        }
    }

    /// An empty ledger in memory (tests, and dry runs when no ledger file exists yet).
    public init() throws {
        queue = try DatabaseQueue(configuration: Self.configuration)
        try LedgerMigrations.migrator.migrate(queue)
    }

    /// The tables declare their references (to `runs`, `jobs`, `number_sequences`), but SQLite does
    /// not look each one up as a row is written: every row a run writes refers to the run and job
    /// rows it wrote first, in the same transaction, and looking up both parents of the two rows of
    /// an issued record cost more than writing them. `referenceProblems()` checks them all at once.
    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        return configuration
    }

    /// Rows whose reference finds no row (`PRAGMA foreign_key_check`), and what `PRAGMA
    /// integrity_check` finds wrong; empty for a sound ledger.
    func referenceProblems() throws -> [String] {
        try queue.read { db in
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "a row of \(row[0] as String? ?? "?") refers to no row of \(row[2] as String? ?? "?")"
            }
            return orphans + (try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" })
        }
    }

    public func transaction<T>(commit: Bool, _ body: (any LedgerTransaction) throws -> T) throws -> T {
        var result: T?
        do {
            try queue.inTransaction(.immediate) { db in
                let transaction = SQLiteTransaction(db: db)
                result = try body(transaction)
                guard commit else { return .rollback }
                try transaction.link()
                return .commit
            }
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR].contains(error.resultCode) {
            throw LedgerError(
                message: "cannot write the ledger '\(queue.path)': \(error.message ?? "\(error.resultCode)"); nothing was issued",
                unwritable: true)
        }
        return result!
    }

    /// A ledger, or its folder, that this user may not write (exit 74).
    private static func unwritable(_ path: String, _ code: Int32) -> LedgerError {
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? String(geteuid())
        return LedgerError(
            message: """
                cannot write the ledger: '\(path)' is write-protected for user \(user) \
                (\(String(cString: strerror(code)))); nothing was run. The user that runs jobs must own the ledger and its folder \
                (the package's user is 'jimu': chown -R jimu:jimu /var/lib/jimu), on a file system mounted read-write
                """,
            unwritable: true)
    }

    public func recordFailedRun(_ start: RunStart, status: RunStatus, message: String) throws -> Int64 {
        try queue.write { db in
            let transaction = SQLiteTransaction(db: db)
            let id = try transaction.insertRun(start, status: status.rawValue)
            try db.execute(
                sql: "UPDATE runs SET message = ?, finished_at = started_at WHERE id = ?", arguments: [message, id])
            try transaction.link(run: id)
            return id
        }
    }

    public func unpublishedRuns(job: String) throws -> [(run: Int64, files: [OutputRecord])] {
        try queue.read { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM runs WHERE job = ? AND status = ? ORDER BY id",
                arguments: [job, RunStatus.publishing.rawValue])
            return try ids.map { ($0, try LedgerQueries.outputs(db, run: $0)) }
        }
    }

    public func markPublished(run: Int64, status: RunStatus) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE runs SET status = ? WHERE id = ?", arguments: [status.rawValue, run])
        }
    }

    public func runs(job: String?, limit: Int) throws -> [RunRecord] {
        try queue.read { db in try LedgerQueries.runs(db, job: job, limit: limit) }
    }

    public func latestRuns() throws -> [RunRecord] {
        try queue.read { db in try LedgerQueries.latestRuns(db) }
    }

    public func run(id: Int64) throws -> RunDetail? {
        try queue.read { db in try LedgerQueries.detail(db, id: id) }
    }

    public func credits(from: String, through: String) throws -> [SavingsCredit] {
        try queue.read { db in try LedgerQueries.credits(db, from: from, through: through) }
    }

    public func lastSlot(job: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(slot) FROM schedule_slots WHERE job = ?", arguments: [job])
        }
    }

    public func recordSlots(job: String, _ slots: [SlotRecord], at time: String) throws {
        try queue.write { db in
            for slot in slots {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO schedule_slots (job, slot, run_id, outcome, recorded_at, attempts, last_attempt)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [job, slot.slot, slot.run, slot.outcome, time, slot.attempts, slot.lastAttempt])
            }
        }
    }

    public func waitingSlots(job: String) throws -> [SlotRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT slot, run_id, outcome, attempts, last_attempt FROM schedule_slots
                WHERE job = ? AND outcome LIKE 'waiting:%' ORDER BY slot
                """, arguments: [job]).map {
                SlotRecord(slot: $0[0], run: $0[1], outcome: $0[2], attempts: $0[3], lastAttempt: $0[4])
            }
        }
    }

    public func identity() throws -> LedgerIdentity {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, created_at, (SELECT count(*) FROM runs) AS runs FROM ledger_identity")
            guard let row else { throw LedgerRefused(message: "the ledger has no identity row; restore it from a backup") }
            return LedgerIdentity(id: row["id"], createdAt: row["created_at"], runs: row["runs"])
        }
    }

    public func recordStartOver(previous: String, reason: String, user: String, host: String, at: String) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO ledger_start_overs (previous_ledger, reason, user, host, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [previous, reason, user, host, at])
        }
    }

    public func chainHead() throws -> (run: Int64, digest: String)? {
        try queue.read { db in try LedgerChain.last(db).map { ($0.run, $0.digest) } }
    }

    public func schemaVersion() throws -> String {
        try queue.read { db in LedgerMigrations.newest(try LedgerMigrations.migrator.appliedIdentifiers(db)) ?? "none" }
    }
}

/// Why the ledger cannot be used (exit 75: it may work on the next try, e.g. a locked file).
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The ledger cannot be written here at all (permissions, a read-only mount, a full disk):
    /// exit 74, which a retry does not cure.
    public var unwritable = false

    public var description: String { "error: \(message)" }
}
