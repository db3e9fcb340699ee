import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu run JOB...`: runs jobs; quiet on success so cron mail stays empty.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run jobs: issue new records, reject bad ones with reasons, skip what was already issued.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Go through the same steps but write nothing: no outputs, no ledger entries.")
    var dryRun = false

    @Option(help: "The business date of the run (YYYY-MM-DD), for reproducible runs.")
    var asOf: String?

    @Option(name: .customLong("input"), help: "Read input NAME from PATH instead (e.g. a fixed rejects file): NAME=PATH.")
    var inputs: [String] = []

    @Option(
        name: .customLong("new-ledger"),
        help: ArgumentHelp(
            "Start a new or empty ledger over beside documents of a lost one, for this REASON (recorded).",
            discussion: "Only after the lost ledger cannot be restored and what it issued has been checked by hand."))
    var newLedgerReason: String?

    @Option(help: "Print a summary per job: text or json.")
    var summary: SummaryFormat?

    @OptionGroup var logging: LogOptions

    @Argument(help: "Job files (a project config named jimu.yaml among them is passed over).", completion: .file(extensions: ["yaml", "yml"]))
    var jobs: [String]

    enum SummaryFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        try logging.bootstrap()
        let date = try DateArgument.parse(asOf, option: "--as-of")
        let overrides = try parseOverrides()
        let cancellation = Cancellation()
        let signals = StopSignals(cancellation)
        var worst = ExitStatus.ok
        for path in jobs where cancellation.requested == nil && !ProjectOptions.isProjectConfig(path) {
            worst = max(worst, runJob(path, date: date, overrides: overrides, cancellation: cancellation))
        }
        withExtendedLifetime(signals) {}
        if worst != .ok { try worst.exit() }
    }

    private func runJob(_ path: String, date: LocalDate?, overrides: [String: URL], cancellation: Cancellation) -> ExitStatus {
        guard let (config, job) = project.loadJob(path, notify: !dryRun) else { return .configurationError }
        for name in overrides.keys where job.input(named: name) == nil {
            let names = job.inputs.map(\.name)
            let hint = Suggestion.hint(for: name, in: names) ?? "inputs are \(names.joined(separator: ", "))"
            Console.error("error: --input names unknown input '\(name)' of job '\(job.id)' (\(hint))")
            return .configurationError
        }
        do {
            var context = try project.lockAndOpen(job, config, dryRun: dryRun)
            context.asOf = date
            context.newLedgerReason = newLedgerReason
            if date == nil, let closure = BusinessCalendar.office(of: config).closure(on: context.businessDate) {
                // Documents are dated with the run: a manual run on a closed day is most likely a slip.
                Console.error(
                    "warning: today, \(context.businessDate.iso), is \(closure), not a business day of the office; \(job.id)'s documents are dated with it (give --as-of YYYY-MM-DD to date them otherwise)")
            }
            context.inputOverrides = overrides
            context.cancellation = cancellation
            let progress = ProgressLine.onTerminal(job: job.id)
            if let progress { context.progress = { @Sendable records, fraction in progress.update(records, fraction: fraction) } }
            let result: RunSummary
            do {
                defer { progress?.finish() }
                result = try JobRunner(context: context).run(job)
            } catch {
                if !dryRun { Metrics.update(config: config, ledger: context.ledger) }
                throw error
            }
            if !dryRun { Metrics.update(config: config, ledger: context.ledger) }
            report(result)
            Notices.after(job.id, .success(result), config: config)
            return result.rejected > 0 ? .dataError : .ok
        } catch {
            Console.error(error is ConfigurationError ? "\(error)" : "\(path): \(error)")
            logging.fatal(error, job: job.id)
            if !dryRun { Notices.after(job.id, .failure(error), config: config) }
            return ExitStatus(error)
        }
    }

    private func report(_ result: RunSummary) {
        switch summary {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Console.out(String(decoding: (try? encoder.encode(result)) ?? Data(), as: UTF8.self))
        case .text:
            Console.out(result.line)
        case nil:
            if result.rejected > 0 { Console.error(result.line) }
        }
    }

    private func parseOverrides() throws -> [String: URL] {
        var overrides: [String: URL] = [:]
        for item in inputs {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--input '\(item)' must be written NAME=PATH")
            }
            overrides[String(item[..<equals])] = URL(fileURLWithPath: String(item[item.index(after: equals)...]))
        }
        return overrides
    }
}
