import ArgumentParser
import Foundation
import JimuKit

/// `jimu runs`: the run history, newest first.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List runs, newest first.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Only runs of this job id.")
    var job: String?

    @Option(help: "How many runs to list.")
    var limit = 20

    @Option(help: "text or json.")
    var format: ListFormat = .text

    enum ListFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        let config = try project.config()
        let runs: [RunRecord]
        do { runs = try project.openLedger(config, create: false).runs(job: job, limit: limit) } catch {
            Console.error("\(error)")
            try ExitStatus(error).exit()
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Console.out(String(decoding: try encoder.encode(runs), as: UTF8.self))
            return
        }
        Console.out(TextTable.lines(
            header: ["RUN", "JOB", "STATUS", "AS OF", "STARTED", "READ", "ISSUED", "REJECTED", "SKIPPED"],
            rows: runs.map {
                [String($0.id), $0.kind == .issue ? $0.job : "\($0.job) (\($0.kind.label))", $0.status, $0.asOf, $0.startedAt, String($0.input), String($0.issued),
                 String($0.rejected), String($0.skipped)]
            }).joined(separator: "\n"))
    }
}
