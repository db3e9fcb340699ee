import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu check JOB...`: validates job files and everything they reference, with no side effects.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate job files and the files they reference; exit 78 on any error.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "Job files (a project config named jimu.yaml is checked as one).", completion: .file(extensions: ["yaml", "yml"]))
    var jobs: [String]

    func run() throws {
        var errors = 0
        for path in jobs {
            let url = URL(fileURLWithPath: path)
            var diagnostics: [Diagnostic]
            if url.lastPathComponent == ProjectConfig.fileName {
                diagnostics = ProjectConfig.load(url).1
            } else {
                let (config, configDiagnostics) = project.project(for: url)
                diagnostics = configDiagnostics
                if let config { diagnostics += JobChecker(project: config).check(url) }
            }
            for diagnostic in diagnostics { Console.error(diagnostic.description) }
            let count = diagnostics.filter { $0.severity == .error }.count
            if count > 0 {
                Console.error("validation failed for \(path) (\(count) error\(count == 1 ? "" : "s"))")
            }
            errors += count
        }
        if errors > 0 { try ExitStatus.configurationError.exit() }
    }
}
