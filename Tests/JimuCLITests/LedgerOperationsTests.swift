import Foundation
import GRDB
@testable import JimuKit
import JimuTestSupport
import Testing

/// `jimu ledger backup|restore|verify`, and the chain that makes edits to the ledger visible.
@Suite("Ledger operations")
struct LedgerOperationsTests {
    let project: URL
    var ledger: URL { project.appendingPathComponent(".jimu/ledger.sqlite") }

    init() throws {
        project = try CLI.scratchProject()
    }

    private func jimu(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, in: project)
    }

    private func run(_ job: String, _ date: String) throws -> CLI.Result {
        try jimu(["run", "Jobs/\(job).yaml", "--as-of", date])
    }

    /// Changes the ledger behind Jimu's back, as someone with `sqlite3` would.
    private func edit(_ sql: String) throws {
        try SQLiteLedger(path: ledger.path).queue.write { try $0.execute(sql: sql) }
    }

    @Test("a backup is consistent, 0600, verified, and never overwrites a file")
    func backup() throws {
        #expect(try run("payment-list", "2026-11-24").status == 65)
        #expect(try run("payment-orders", "2026-11-24").status == 65)
        let copy = project.appendingPathComponent("ledger-backup.sqlite")
        let made = try jimu(["ledger", "backup", copy.path])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("2 runs, 10 issued keys, 10 document numbers; chain of 2 links from run 1 to run 2; no problems"), "\(made.stdout)")
        let mode = try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try jimu(["ledger", "backup", copy.path])
        #expect(again.status == 75 && again.stderr.contains("it exists already"), "\(again.stderr)")
        let checked = try jimu(["ledger", "verify", "--backup", copy.path])
        #expect(checked.status == 0 && checked.stdout.contains("no problems"), "\(checked.stdout)\(checked.stderr)")
        let sound = try jimu(["ledger", "verify"])
        #expect(sound.status == 0, "\(sound.stderr)")
        // Who backed it up is kept, with the runs' own users.
        let actions = try SQLiteLedger(path: ledger.path).actions()
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? ""
        #expect(actions.map(\.action) == ["backup"] && actions.first?.user == user && actions.first?.detail == "to \(copy.path)")
        #expect(try SQLiteLedger(path: ledger.path).run(id: 1)?.user == user)
    }

    @Test("verify names the run whose rows were edited, and keys removed so that they could be paid again")
    func tamperEvidence() throws {
        #expect(try run("payment-list", "2026-11-24").status == 65)
        #expect(try run("payment-orders", "2026-11-24").status == 65)
        #expect(try run("property-inquiries", "2026-11-25").status == 65)
        try edit("UPDATE runs SET issued = issued - 1, rejected = rejected + 1 WHERE id = 2")
        let counts = try jimu(["ledger", "verify"])
        #expect(counts.status == 65)
        #expect(counts.stderr.range(of: #"error: run 2: \d+ records rejected, but \d+ reasons recorded"#, options: .regularExpression) != nil,
            "\(counts.stderr)")
        #expect(counts.stderr.contains("error: run 2: its row, inputs, outputs, rejects, skipped ranges, drawdowns or savings were changed"))
        try edit("UPDATE runs SET issued = issued + 1, rejected = rejected - 1 WHERE id = 2")
        #expect(try jimu(["ledger", "verify"]).status == 0)

        try edit("DELETE FROM issued WHERE key = (SELECT key FROM issued ORDER BY key LIMIT 1)")
        let removed = try jimu(["ledger", "verify"])
        #expect(removed.status == 65)
        #expect(removed.stderr.contains("issued keys: the ledger holds 698, the newest link (run 3) recorded 699; keys were removed outside Jimu"), "\(removed.stderr)")
        // A backup of it is written, and says what its copy holds: exit 65, never an internal error.
        let copied = try jimu(["ledger", "backup", project.appendingPathComponent("tampered.sqlite").path])
        #expect(copied.status == 65 && copied.stderr.contains("error: issued keys: the ledger holds 698"), "\(copied.stderr)")
        #expect(!copied.stderr.contains("ExitCode"))

        try edit("UPDATE documents SET key = key || 'x' WHERE run_id = 2")
        let renumbered = try jimu(["ledger", "verify"]).stderr
        #expect(renumbered.range(of: #"run 2: it gave (\d+) document numbers?, the ledger holds \1 with other numbers or keys"#, options: .regularExpression) != nil, "\(renumbered)")

        try edit("DELETE FROM run_chain WHERE run_id = 2")
        #expect(try jimu(["ledger", "verify"]).stderr.contains("run 2: it has no link"))
        try edit("DELETE FROM runs WHERE id = 2")
        #expect(try jimu(["ledger", "verify"]).stderr.contains("run 2: its row was removed"))
    }

    @Test("restoring an older backup brings the ledger back, and runs wait until the documents since are checked")
    func restore() throws {
        #expect(try run("payment-list", "2026-11-24").status == 65)
        let copy = project.appendingPathComponent("after-run-1.sqlite")
        #expect(try jimu(["ledger", "backup", copy.path]).status == 0)
        #expect(try run("payment-list", "2026-11-25").status == 65)
        #expect(try run("payment-orders", "2026-11-25").status == 65)

        let restored = try jimu(["ledger", "restore", copy.path])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("1 run, 9 issued keys, 9 document numbers; chain of 1 link from run 1 to run 1; no problems"), "\(restored.stdout)")
        #expect(restored.stderr.contains("notes run 3, but the ledger ends at run 1"), "\(restored.stderr)")
        let verified = try jimu(["ledger", "verify"])
        #expect(verified.status == 65 && verified.stderr.contains("notes run 3, but the ledger ends at run 1"))

        // The documents of runs 2 and 3 are beside a ledger that no longer knows them.
        let refused = try run("payment-orders", "2026-11-26")
        #expect(refused.status == 78, "\(refused.stderr)")
        #expect(refused.stderr.contains("they belong to runs up to 3 of this ledger, which knows only up to run 1"), "\(refused.stderr)")
        let accepted = try jimu([
            "run", "Jobs/payment-orders.yaml", "--as-of", "2026-11-26", "--new-ledger", "runs 2-3 re-entered from paper by 会計課",
        ])
        #expect(accepted.status == 65, "\(accepted.stderr)")
        #expect(try jimu(["ledger", "verify"]).status == 0)
    }

    @Test("a damaged ledger file is moved aside by a restore; a damaged backup is refused")
    func damaged() throws {
        #expect(try run("payment-list", "2026-11-24").status == 65)
        let copy = project.appendingPathComponent("copy.sqlite")
        #expect(try jimu(["ledger", "backup", copy.path]).status == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger.path + suffix) }
        try Data(repeating: 0x41, count: 8192).write(to: ledger)
        #expect(try run("payment-list", "2026-11-25").status == 78)
        let restored = try jimu(["ledger", "restore", copy.path])
        #expect(restored.status == 0, "\(restored.stderr)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: ledger.deletingLastPathComponent().path)
        #expect(aside.contains { $0.hasPrefix("ledger.sqlite.damaged-") }, "\(aside)")
        #expect(try run("payment-list", "2026-11-25").status == 65)

        let junk = project.appendingPathComponent("junk.sqlite")
        try Data("not a ledger".utf8).write(to: junk)
        let refused = try jimu(["ledger", "restore", junk.path])
        #expect(refused.status == 78 && refused.stderr.contains("cannot be read as a Jimu ledger"), "\(refused.stderr)")
    }
}
