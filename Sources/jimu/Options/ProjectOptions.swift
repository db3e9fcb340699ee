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

    /// Whether a path of a job list is a project config (`jimu.yaml`), which a glob such as
    /// `Jobs/*.yaml` takes in: `check` checks it as a config, `run` and `tick` pass over it, and
    /// `cron` leaves it out of the crontab entry.
    static func isProjectConfig(_ path: String) -> Bool {
        URL(fileURLWithPath: path).lastPathComponent == ProjectConfig.fileName
    }

    /// The project config for a job file (or the current folder), with its diagnostics.
    func project(for job: URL?) -> (ProjectConfig?, [Diagnostic]) {
        guard FileManager.default.currentDirectoryPath.hasPrefix("/") || job?.path.hasPrefix("/") == true else {
            return (nil, [Diagnostic(
                .error, "the current folder no longer exists (deleted or moved while this shell was in it)",
                hint: "cd to the project folder, or give the job and --config as absolute paths")])
        }
        let start = job?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let conventional = URL(fileURLWithPath: "Jobs/\(ProjectConfig.fileName)")
        let file = configPath.map { URL(fileURLWithPath: $0) } ?? ProjectConfig.locate(from: start)
            ?? (job == nil && FileManager.default.fileExists(atPath: conventional.path) ? conventional : nil)
        guard let file else {
            return (ProjectConfig(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), [])
        }
        return ProjectConfig.load(file)
    }

    /// The project config of the current folder (commands without a job), its diagnostics printed.
    /// - Throws: exit 78 when it has errors.
    func config() throws -> ProjectConfig {
        let (loaded, diagnostics) = project(for: nil)
        diagnostics.forEach { Console.error($0.description) }
        guard let config = loaded else { try ExitStatus.configurationError.exit() }
        return config
    }

    /// Loads a job file and its project config, printing every diagnostic. A job that no longer
    /// loads is a failure worth a notification when `notify` is true (runs, not checks).
    /// - Returns: nil when either has errors.
    func loadJob(_ path: String, notify: Bool) -> (config: ProjectConfig, job: Job)? {
        let url = URL(fileURLWithPath: path)
        let (loadedConfig, configDiagnostics) = project(for: url)
        configDiagnostics.forEach { Console.error($0.description) }
        guard let config = loadedConfig else { return nil }
        let (loadedJob, diagnostics) = JobLoader.load(url, project: config)
        guard let job = loadedJob else {
            diagnostics.forEach { Console.error($0.description) }
            Console.error("validation failed for \(path); run 'jimu check \(path)' for details")
            if notify { Notices.after(path, .failure(ConfigurationError(diagnostics)), config: config) }
            return nil
        }
        return (config, job)
    }

    /// The ledger file of a project.
    func ledgerURL(_ project: ProjectConfig) -> URL {
        ledgerPath.map { URL(fileURLWithPath: $0) } ?? project.resolveOwn(project.ledger)
    }

    /// Takes the job's lock (unless `dryRun`), then opens the ledger: the one place the commands
    /// lock a job, so that a second run of it ends at once instead of waiting for the ledger.
    /// - Throws: `JobLock.Busy` when another run holds the lock.
    func lockAndOpen(_ job: Job, _ project: ProjectConfig, dryRun: Bool = false) throws -> RunContext {
        let lock = dryRun ? nil : try JobLock.take(job: job.id, directory: ledgerURL(project).deletingLastPathComponent().appendingPathComponent("locks"))
        var context = RunContext(project: project, ledger: try openLedger(project, create: !dryRun))
        context.ledgerPath = ledgerURL(project).path
        context.lock = lock
        context.dryRun = dryRun
        return context
    }

    /// Opens the ledger. Without `create`, a missing ledger is an empty one in memory, so dry runs
    /// and read-only commands write nothing.
    func openLedger(_ project: ProjectConfig, create: Bool) throws -> any Ledger {
        let url = ledgerURL(project)
        if !create && !FileManager.default.fileExists(atPath: url.path) { return try SQLiteLedger() }
        return try SQLiteLedger(path: url.path)
    }
}
