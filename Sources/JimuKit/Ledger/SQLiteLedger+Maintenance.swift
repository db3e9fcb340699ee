import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `jimu ledger backup`, `restore` and `verify` on the SQLite ledger.
extension SQLiteLedger {
    /// Records something done to the ledger besides a run (`backup`, `restore`), with who did it.
    public func recordAction(_ action: String, detail: String, user: String, host: String, at time: String) throws {
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO ledger_actions (action, detail, user, host, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [action, detail, user, host, time])
        }
    }

    /// The actions recorded, oldest first.
    public func actions() throws -> [(action: String, detail: String, user: String, host: String, at: String)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT action, detail, user, host, at FROM ledger_actions ORDER BY rowid").map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
        }
    }

    /// Checks the ledger's file, references, counts and chain.
    public func verify() throws -> LedgerVerification {
        try queue.read { db in try LedgerVerification.check(db) }
    }

    /// Writes a consistent copy of the ledger to a new file (0600), while runs go on: the copy is
    /// the ledger as of one moment, read in one transaction. The copy is then verified.
    /// - Throws: `LedgerError` when the file exists or cannot be written.
    public func backup(to path: String) throws -> LedgerVerification {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists already; give a new file name" : String(cString: strerror(errno))
            throw LedgerError(message: "cannot write the backup '\(path)': \(reason)")
        }
        close(descriptor)
        do {
            try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            unlink(path)
            throw LedgerError(message: "cannot write the backup '\(path)': \(error)")
        }
        return try Self.verify(file: path)
    }

    /// Verifies a ledger file without migrating or writing it (a backup).
    /// - Throws: `LedgerRefused` when it is not a Jimu ledger, or one of a newer Jimu.
    public static func verify(file path: String) throws -> LedgerVerification {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(message: "the ledger '\(path)' does not exist")
        }
        do {
            return try readOnly(path).read { db in
                let applied = try LedgerMigrations.migrator.appliedIdentifiers(db)
                let known = LedgerMigrations.migrator.migrations
                if let unknown = try LedgerMigrations.unknownSchema(db) {
                    throw LedgerRefused(message: "'\(path)' was written by a newer Jimu (schema \(unknown)); verify it with that Jimu")
                }
                guard applied.contains(known[0]) else {
                    throw LedgerRefused(message: "'\(path)' is not a Jimu ledger (it has no runs table)")
                }
                guard applied.count == known.count else {
                    throw LedgerRefused(message: """
                        '\(path)' has the older schema \(LedgerMigrations.newest(applied) ?? "none"); restore it ('jimu ledger restore'), \
                        which brings it up to date, then verify the ledger
                        """)
                }
                return try LedgerVerification.check(db)
            }
        } catch let error as LedgerRefused {
            throw error
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw LedgerRefused(message: "'\(path)' is damaged or not a Jimu ledger (\(error.message ?? "not a database"))")
        }
    }

    /// Replaces the ledger at `path` with a backup, through SQLite's locks (a run in progress
    /// finishes first, and is then replaced too). A ledger file that is not a database any more
    /// is moved aside to `PATH.damaged-TIMESTAMP`. The backup is verified first (its file and
    /// references only, when an older Jimu wrote it), and the restored ledger brought up to this
    /// Jimu's schema and verified in full.
    /// - Returns: the restored ledger's verification.
    /// - Throws: `LedgerRefused` for a backup with problems; `LedgerError` when the ledger cannot be written.
    public static func restore(from backup: String, to path: String, at timestamp: String) throws -> LedgerVerification {
        let source: DatabaseQueue
        do {
            source = try readOnly(backup)
            let checked = try source.read { db in
                guard try LedgerMigrations.unknownSchema(db) == nil else {
                    throw LedgerRefused(message: "the backup '\(backup)' was written by a newer Jimu; restore it with that Jimu")
                }
                let current = try LedgerMigrations.migrator.hasCompletedMigrations(db)
                return try current ? LedgerVerification.check(db) : LedgerVerification.checkFile(db)
            }
            guard checked.problems.isEmpty else {
                throw LedgerRefused(message: "the backup '\(backup)' has problems, so it was not restored:\n"
                    + checked.problems.map { "  \($0)" }.joined(separator: "\n"))
            }
        } catch let error as LedgerRefused {
            throw error
        } catch {
            throw LedgerRefused(message: "'\(backup)' cannot be read as a Jimu ledger (\(error)); nothing was restored")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: path), (try? readOnly(path).read { try $0.schemaVersion() }) == nil {
                let aside = "\(path).damaged-\(timestamp.filter { $0.isNumber })"
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
                }
            }
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if descriptor >= 0 { close(descriptor) }
            var writing = Configuration()
            writing.busyMode = .timeout(600)
            let destination = try DatabaseQueue(path: path, configuration: writing)
            try source.backup(to: destination)
        } catch {
            throw LedgerError(message: "cannot restore the ledger '\(path)': \(error)")
        }
        return try SQLiteLedger(path: path).verify()
    }

    /// A ledger file opened read only, as it is: neither migrated nor written.
    private static func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
