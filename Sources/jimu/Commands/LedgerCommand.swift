import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu ledger backup|restore|verify`: the ledger's care.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Back up, restore and verify the ledger.",
        subcommands: [Backup.self, Restore.self, Verify.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a consistent copy of the ledger to a new file (safe while jobs run), and verify it.")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The backup file to create (0600); it must not exist.", completion: .file())
        var path: String

        func run() throws {
            try LedgerCommand.reporting {
                let (config, ledger) = try project.openExisting()
                let result = try ledger.backup(to: path)
                try LedgerCommand.record("backup", detail: "to \(path)", in: ledger, config)
                Console.out("backed up '\(project.ledgerURL(config).path)' to '\(path)': \(result.summary)")
                try result.report()
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the ledger with a backup (verified first; a damaged ledger file is moved aside).")

        @OptionGroup var project: ProjectOptions

        @Argument(help: "The backup file, as written by 'jimu ledger backup'.", completion: .file())
        var backup: String

        func run() throws {
            try LedgerCommand.reporting {
                let config = try project.config()
                let path = project.ledgerURL(config).path
                let result = try SQLiteLedger.restore(
                    from: backup, to: path, at: Timestamp.iso8601(Date(), in: TimeZone(identifier: config.timeZone) ?? .current))
                Console.out("restored '\(path)' from '\(backup)': \(result.summary)")
                let ledger = try SQLiteLedger(path: path)
                try LedgerCommand.record("restore", detail: "from \(backup)", in: ledger, config)
                let gaps = LedgerBinding.problems(
                    outputRoot: config.resolveOwn(config.outputRoot), identity: try ledger.identity(), head: try ledger.chainHead())
                gaps.forEach { Console.error("warning: \($0)") }
                try result.report()
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the ledger: the file, references, counts, the chain of runs, and the output root's note of it.",
            discussion: "Exit 0 when sound, 65 when something is wrong (each problem is printed with its run).")

        @OptionGroup var project: ProjectOptions

        @Option(help: "Verify this backup file instead (read only).", completion: .file())
        var backup: String?

        func run() throws {
            try LedgerCommand.reporting {
                if let backup {
                    let result = try SQLiteLedger.verify(file: backup)
                    Console.out("'\(backup)': \(result.summary)")
                    try result.report()
                    return
                }
                let (config, ledger) = try project.openExisting()
                var result = try ledger.verify()
                result.problems += LedgerBinding.problems(
                    outputRoot: config.resolveOwn(config.outputRoot), identity: try ledger.identity(), head: result.head)
                Console.out("'\(project.ledgerURL(config).path)': \(result.summary)")
                try result.report()
            }
        }
    }

    /// Runs a subcommand: an error is printed and ends it with its exit code; an exit passes.
    private static func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("\(error)")
            try ExitStatus(error).exit()
        }
    }

    /// Records what was done to the ledger, with the OS user and host as runs record them.
    private static func record(_ action: String, detail: String, in ledger: SQLiteLedger, _ config: ProjectConfig) throws {
        let who = RunContext(project: config, ledger: ledger)
        try ledger.recordAction(action, detail: detail, user: who.user, host: who.host, at: who.timestamp)
    }
}

extension ProjectOptions {
    /// The project and its ledger, which must exist (exit 78 otherwise).
    /// - Throws: `LedgerError` or `LedgerRefused` when it cannot be opened.
    func openExisting() throws -> (ProjectConfig, SQLiteLedger) {
        let config = try config()
        let url = ledgerURL(config)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Console.error("error: there is no ledger at '\(url.path)' (give --ledger or --config)")
            try ExitStatus.configurationError.exit()
        }
        return (config, try SQLiteLedger(path: url.path))
    }
}

extension LedgerVerification {
    /// One line: how much the ledger holds, and whether its chain is whole.
    var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let chain = head.map { "chain of \(count(links, "link")) from run \(firstLinked ?? 0) to run \($0.run)" } ?? "no chain"
        return "\(count(runs, "run")), \(count(issuedKeys, "issued key")), \(count(documents, "document number")); \(chain); "
            + (problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
    }

    /// Prints the problems and notes; exit 65 when there are problems.
    func report() throws {
        notes.forEach { Console.error("note: \($0)") }
        problems.forEach { Console.error("error: \($0)") }
        if !problems.isEmpty { try ExitStatus.dataError.exit() }
    }
}
