import JimuSpec

/// The terminal report: figures, a progress bar toward the target, tables by job and month.
struct TextReportFormatter: ReportFormatter {
    static let identifier = "text"

    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8] {
        var lines = [ReportLabels.title(report), ReportLabels.period(report), ""]
        let width = 30
        let filled = min(width, Int((report.percentOfTarget / 100 * Double(width)).rounded(.down)))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        lines += [
            "目標            \(pad(ReportNumber.hours(report.targetHours))) 時間",
            "削減実績        \(pad(ReportNumber.hours(report.savedHours))) 時間  \(bar) \(ReportNumber.percent(report.percentOfTarget))",
            "年度末見込み    \(pad(ReportNumber.hours(report.projectedHours))) 時間  (\(report.projectionMethod))",
            "目標との差      \(pad(ReportNumber.hours(report.gapHours))) 時間",
            "常勤換算        \(pad(ReportNumber.hours(report.fte, decimals: 2))) 人    (見込み \(ReportNumber.hours(report.projectedFTE, decimals: 2)) 人、\(ReportNumber.hours(report.fteHours, decimals: 0)) 時間/人)",
        ]
        if let yen = report.yen, let projected = report.projectedYen, let cost = report.hourlyCostYen {
            lines.append("金額換算        \(pad(ReportNumber.yen(yen)))       (見込み \(ReportNumber.yen(projected))、\(ReportNumber.yen(cost))/時間)")
        }
        if let previous = report.previousYearHours {
            lines.append("前年度実績      \(pad(ReportNumber.hours(previous))) 時間")
        }
        lines += ["", "ジョブ別（\(report.runs) 回、\(Transforms.grouped(report.records)) 件）"]
        lines += columns(["ジョブ", "名称", "回", "件数", "時間", "割合"], report.jobs.map {
            [$0.job, $0.title ?? "", String($0.runs), String($0.records), ReportNumber.hours($0.hours), ReportNumber.percent($0.share * 100)]
        })
        lines += ["", "月別"]
        lines += columns(["月", "時間", "累計", "目標累計", "前年度", "前年度累計"], report.months.map {
            [$0.month, ReportNumber.hours($0.hours), $0.cumulativeHours.map { ReportNumber.hours($0) } ?? "-",
             ReportNumber.hours($0.targetCumulativeHours), $0.previousYearHours.map { ReportNumber.hours($0) } ?? "-",
             $0.previousYearCumulativeHours.map { ReportNumber.hours($0) } ?? "-"]
        })
        if !report.baselines.isEmpty {
            lines += ["", "削減時間の基準"] + report.baselines.map { "  " + ReportLabels.baseline($0) }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func pad(_ text: String) -> String {
        String(repeating: " ", count: max(0, 10 - text.count)) + text
    }

    /// A table with numbers right-aligned (every column from the third, and 時間 in the second).
    private func columns(_ header: [String], _ rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["  (なし)"] }
        return TextTable.lines(header: header, rows: rows, rightAligned: { $0 >= 2 || ($0 == 1 && header[1] == "時間") }, indent: "  ")
    }
}
