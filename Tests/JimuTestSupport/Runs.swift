import Foundation
import JimuKit
import JimuSpec

/// Runs jobs in tests with a fixed clock and a chosen ledger.
public enum TestRuns {
    /// 2026-11-21 09:00 in Tokyo.
    public static let clock = FixedClock(Date(timeIntervalSince1970: 1_795_219_200))

    /// Loads a job, failing the test with its diagnostics when it does not load.
    public static func load(_ url: URL, project: ProjectConfig) throws -> Job {
        let (job, diagnostics) = JobLoader.load(url, project: project)
        guard let job else { throw ConfigurationError(diagnostics) }
        return job
    }

    /// A run context with the fixed clock.
    public static func context(project: ProjectConfig, ledger: any Ledger, dryRun: Bool = false) -> RunContext {
        var context = RunContext(project: project, ledger: ledger, clock: clock)
        context.dryRun = dryRun
        context.asOf = LocalDate(year: 2026, month: 11, day: 21)
        return context
    }
}

extension TestRuns {
    /// A job written from YAML into a new folder with its input files; the folder is the project root.
    /// - Parameter files: relative path → text of each input file.
    public static func job(_ yaml: String, files: [String: String] = [:]) throws -> (job: Job, project: ProjectConfig) {
        let root = Fixtures.temporaryDirectory("jimu-job")
        for (path, text) in files { Fixtures.write(text, to: root.appendingPathComponent(path)) }
        Fixtures.write(yaml, to: root.appendingPathComponent("job.yaml"))
        var project = ProjectConfig(root: root)
        project.organisation = "みどり市"
        return (try load(root.appendingPathComponent("job.yaml"), project: project), project)
    }
}
