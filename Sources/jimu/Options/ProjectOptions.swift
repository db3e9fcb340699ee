import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// Where the project config and the ledger are.
struct ProjectOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "The project config (default: jimu.yaml in the job's folder or above; without a job, in the current folder or above, or Jobs/jimu.yaml).")
    var configPath: String?

    @Option(name: .customLong("ledger"), help: "The ledger SQLite file (default: 'ledger' of jimu.yaml).")
    var ledgerPath: String?

    /// The project config for a job file (or the current folder), with its diagnostics.
    func project(for job: URL?) -> (ProjectConfig?, [Diagnostic]) {
        let start = job?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let conventional = URL(fileURLWithPath: "Jobs/\(ProjectConfig.fileName)")
        let file = configPath.map { URL(fileURLWithPath: $0) } ?? ProjectConfig.locate(from: start)
            ?? (job == nil && FileManager.default.fileExists(atPath: conventional.path) ? conventional : nil)
        guard let file else {
            return (ProjectConfig(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), [])
        }
        return ProjectConfig.load(file)
    }

    /// The ledger file of a project.
    func ledgerURL(_ project: ProjectConfig) -> URL {
        ledgerPath.map { URL(fileURLWithPath: $0) } ?? project.resolveOwn(project.ledger)
    }

    /// Opens the ledger. Without `create`, a missing ledger is an empty one in memory, so dry runs
    /// and read-only commands write nothing.
    func openLedger(_ project: ProjectConfig, create: Bool) throws -> any Ledger {
        let url = ledgerURL(project)
        if !create && !FileManager.default.fileExists(atPath: url.path) { return try SQLiteLedger() }
        return try SQLiteLedger(path: url.path)
    }
}
