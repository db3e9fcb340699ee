import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu show [RUN]`, `jimu show order N`, `jimu show orders`: one run's counts, inputs, outputs
/// and reject reasons (personal values masked); one order's history; the 支払予定 overview.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one run (counts, files with hashes, rejects), one order's history, or the orders by payment date.",
        discussion: """
            jimu show [RUN]          one run; the newest when omitted
            jimu show order N        the history of 支出命令番号 N: issued, approved, cancelled, released; who, when, where, why
            jimu show orders         支払予定: per 振込指定日, the orders and totals pending, approved, released and cancelled
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "For order(s): the number sequence (default: every one with orders under approval).")
    var sequence: String?

    @Option(help: "For order: the fiscal year of the number (2026, R8 or 令和8年度).")
    var fiscalYear: String?

    @Option(help: "For orders: only 振込指定日 from this date (YYYY-MM-DD).")
    var from: String?

    @Argument(help: "A run id, 'order N' or 'orders'.")
    var what: [String] = []

    func run() throws {
        let config = try project.config()
        let text: String?
        do {
            let ledger = try project.openLedger(config, create: false)
            switch what.first {
            case "order":
                guard what.count == 2, let number = Int(what[1]) else { throw ValidationError("write 'jimu show order N'") }
                text = try ledger.transaction(commit: false) { try order(number, in: $0) }
            case "orders":
                let start = try DateArgument.parse(from, option: "--from")?.iso
                text = try ledger.transaction(commit: false) { ledger in
                    try sequences(in: ledger).map { try OrderReport.overview(sequence: $0, from: start, ledger: ledger) }.joined(separator: "\n\n")
                }
            default:
                guard what.count <= 1 else { throw ValidationError("write 'jimu show RUN', 'jimu show order N' or 'jimu show orders'") }
                guard let id = try what.first.map({ try Self.runID($0) }) ?? ledger.runs(job: nil, limit: 1).first?.id,
                      let detail = try ledger.run(id: id)
                else {
                    Console.error("error: there is no run \(what.first ?? "yet") in the ledger (see 'jimu runs')")
                    try ExitStatus.noInput.exit()
                }
                text = RunReport.text(detail)
            }
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("\(error)")
            try ExitStatus(error).exit()
        }
        guard let text else { try ExitStatus.noInput.exit() }
        Console.out(text)
    }

    private static func runID(_ text: String) throws -> Int64 {
        guard let id = Int64(text) else { throw ValidationError("'\(text)' is not a run id; write 'jimu show RUN', 'order N' or 'orders'") }
        return id
    }

    /// The sequences to look in: `--sequence`, else every one with orders under approval.
    private func sequences(in ledger: any LedgerTransaction) throws -> [String] {
        if let sequence { return [sequence] }
        let names = try ledger.orderSequences()
        guard !names.isEmpty else { throw ApprovalRefused("the ledger has no orders under approval") }
        return names
    }

    private func order(_ number: Int, in ledger: any LedgerTransaction) throws -> String? {
        var found: [Order] = []
        for name in try sequences(in: ledger) {
            var selection = OrderSelection(sequence: name)
            selection.numbers = [number...number]
            selection.fiscalYear = try fiscalYear.map { try Report.parseYear($0).year }
            found += try ledger.orders(selection)
        }
        guard !found.isEmpty else {
            Console.error("error: there is no order \(number) under approval (see 'jimu show orders')")
            return nil
        }
        guard found.count == 1 else {
            let places = found.map { $0.number.text(digits: 1) }.joined(separator: ", ")
            throw ApprovalRefused("there are several orders \(number): \(places); name one with --sequence or --fiscal-year")
        }
        return OrderReport.history(found[0], events: try ledger.history(of: found[0].number))
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
