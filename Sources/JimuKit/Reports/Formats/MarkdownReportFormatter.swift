import JimuSpec

/// The report as Markdown, for wikis and council material drafts.
struct MarkdownReportFormatter: ReportFormatter {
    static let identifier = "md"

    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8] {
        var lines = ["# \(ReportLabels.title(report))", "", ReportLabels.period(report), "", "| 項目 | 値 |", "|---|---:|"]
        lines += [
            "| 目標 | \(ReportNumber.hours(report.targetHours)) 時間 |",
            "| 削減実績 | \(ReportNumber.hours(report.savedHours)) 時間（\(ReportNumber.percent(report.percentOfTarget))） |",
            "| 年度末見込み | \(ReportNumber.hours(report.projectedHours)) 時間 |",
            "| 目標との差 | \(ReportNumber.hours(report.gapHours)) 時間 |",
            "| 常勤換算 | \(ReportNumber.hours(report.fte, decimals: 2)) 人（見込み \(ReportNumber.hours(report.projectedFTE, decimals: 2)) 人） |",
        ]
        if let yen = report.yen, let projected = report.projectedYen {
            lines.append("| 金額換算 | \(ReportNumber.yen(yen))（見込み \(ReportNumber.yen(projected))） |")
        }
        if let previous = report.previousYearHours { lines.append("| 前年度実績 | \(ReportNumber.hours(previous)) 時間 |") }
        lines += ["", "見込みの算定: \(report.projectionMethod)", "", "## ジョブ別", "", "| ジョブ | 名称 | 回 | 件数 | 時間 | 割合 |", "|---|---|---:|---:|---:|---:|"]
        lines += report.jobs.map {
            "| \($0.job) | \(escape($0.title ?? "")) | \($0.runs) | \($0.records) | \(ReportNumber.hours($0.hours)) | \(ReportNumber.percent($0.share * 100)) |"
        }
        lines += ["", "## 月別", "", "| 月 | 時間 | 累計 | 目標累計 | 前年度 | 前年度累計 |", "|---|---:|---:|---:|---:|---:|"]
        lines += report.months.map {
            "| \($0.month) | \(ReportNumber.hours($0.hours)) | \($0.cumulativeHours.map { ReportNumber.hours($0) } ?? "-") | "
                + "\(ReportNumber.hours($0.targetCumulativeHours)) | \($0.previousYearHours.map { ReportNumber.hours($0) } ?? "-") | "
                + "\($0.previousYearCumulativeHours.map { ReportNumber.hours($0) } ?? "-") |"
        }
        if !report.baselines.isEmpty {
            lines += ["", "## 削減時間の基準", ""] + report.baselines.enumerated().map { "\($0.offset + 1). \(escape(ReportLabels.baseline($0.element)))" }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
