import ArgumentParser
import Foundation
import JimuKit

/// `jimu show RUN`: one run's counts, inputs, outputs and reject reasons (personal values masked).
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one run: counts, files with hashes, rejects.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The run id (see 'jimu runs'); the newest run when omitted.")
    var runID: Int64?

    func run() throws {
        let config = try project.config()
        let found: RunDetail?
        do {
            let ledger = try project.openLedger(config, create: false)
            let id = try runID ?? ledger.runs(job: nil, limit: 1).first?.id
            found = try id.flatMap { try ledger.run(id: $0) }
        } catch {
            Console.error("\(error)")
            try ExitStatus(error).exit()
        }
        guard let detail = found else {
            Console.error("error: there is no run \(runID.map(String.init) ?? "yet") in the ledger (see 'jimu runs')")
            try ExitStatus.noInput.exit()
        }
        Console.out(RunReport.text(detail))
    }
}

/// The text of `jimu show`.
enum RunReport {
    static func text(_ detail: RunDetail) -> String {
        let run = detail.run
        var lines = [
            "run \(run.id): \(run.job) — \(run.status)",
            "  as of \(run.asOf), started \(run.startedAt), finished \(run.finishedAt ?? "-")",
            "  by \(detail.user) on \(detail.host) (pid \(detail.pid))",
            "  job file \(detail.jobFile) sha256 \(detail.jobSHA256)",
            "  read \(run.input) = issued \(run.issued) + rejected \(run.rejected) + skipped \(run.skipped)",
        ]
        if let minutes = detail.creditedMinutes {
            lines.append("  credited \(String(format: "%.1f", minutes)) minutes (\(String(format: "%.2f", minutes / 60)) hours)")
        }
        if let message = run.message {
            lines.append("  message: " + PrintableText.escaped(message, keepingLineBreaks: true).replacingOccurrences(of: "\n", with: "\n    "))
        }
        lines.append("inputs:")
        lines += detail.inputs.map { "  \($0.input): \($0.file.path) (\(count($0.file.records, "record")), \($0.file.size) bytes) sha256 \($0.file.sha256)" }
        lines.append("outputs:")
        lines += detail.outputs.map { "  \($0.kind): \($0.path) (\(count($0.records, "record")), \($0.size) bytes) sha256 \($0.sha256)" }
        if !detail.skipped.isEmpty {
            lines.append("skipped:")
            lines += detail.skipped.map { range in
                let at = range.count == 1 ? range.first : "\(range.first) … \(range.last) (\(range.count) records)"
                return "  \(PrintableText.escaped(at)): \(PrintableText.escaped(range.reason))"
            }
        }
        if !detail.rejects.isEmpty {
            lines.append("rejects:")
            lines += detail.rejects.map { "  \(PrintableText.escaped($0.location)): [\($0.rule)] \(PrintableText.escaped($0.reason))" }
        }
        return lines.joined(separator: "\n")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
