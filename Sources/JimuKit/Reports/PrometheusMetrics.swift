import Foundation
import JimuSpec

/// The Prometheus textfile of `metrics_file:` (for node_exporter's textfile collector): per job, the
/// latest run's time, status and counts, and the hours saved this fiscal year. Written atomically
/// (temporary file and rename) so the collector never reads half a file.
public enum PrometheusMetrics {
    /// The text of the metrics file.
    public static func text(ledger: any Ledger, project: ProjectConfig, today: LocalDate) throws -> String {
        let year = FiscalYear(containing: today)
        let credits = try ledger.credits(from: year.start.iso, through: year.end.iso)
        let runs = try ledger.latestRuns()
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ samples: [String]) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) gauge"] + samples
        }
        let parser = ISO8601DateFormatter()
        family("jimu_last_run_timestamp_seconds", "Start of the job's latest run.", runs.map {
            "jimu_last_run_timestamp_seconds{job=\"\(escape($0.job))\"} \(Int(parser.date(from: $0.startedAt)?.timeIntervalSince1970 ?? 0))"
        })
        family("jimu_last_run_ok", "1 when the job's latest run finished (rejects included), 0 when it failed or was interrupted.", runs.map {
            let ok = ["succeeded", "completed_with_rejects", "publishing"].contains($0.status)
            return "jimu_last_run_ok{job=\"\(escape($0.job))\",status=\"\($0.status)\"} \(ok ? 1 : 0)"
        })
        family("jimu_last_run_records", "Records of the job's latest run, by outcome.", runs.flatMap { run in
            [("read", run.input), ("issued", run.issued), ("rejected", run.rejected), ("skipped", run.skipped)].map {
                "jimu_last_run_records{job=\"\(escape(run.job))\",outcome=\"\($0.0)\"} \($0.1)"
            }
        })
        let hours = Dictionary(grouping: credits, by: \.job).mapValues { $0.reduce(0) { $0 + $1.minutes } / 60 }
        family("jimu_saved_hours", "Staff hours saved in the current fiscal year (\(year.label)).", hours.keys.sorted().map {
            "jimu_saved_hours{job=\"\(escape($0))\",fiscal_year=\"\(year.year)\"} \(String(format: "%.3f", hours[$0]!))"
        })
        family("jimu_target_hours", "The organisation's annual target of saved hours.", ["jimu_target_hours \(project.targetHours)"])
        return lines.joined(separator: "\n") + "\n"
    }

    /// Rewrites the file atomically.
    public static func write(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw OutputError.fromErrno(url.path, "rename") }
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
