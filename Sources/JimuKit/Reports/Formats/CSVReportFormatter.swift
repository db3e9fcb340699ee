import JimuSpec

/// The report as CSV that opens cleanly in Excel: UTF-8 with a BOM, or CP932; CRLF; one summary
/// block, one job table and one month table, separated by blank lines.
struct CSVReportFormatter: ReportFormatter {
    static let identifier = "csv"

    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8] {
        var rows: [[String]] = [
            ["項目", "値"], ["年度", report.fiscalYearLabel], ["基準日", report.asOf],
            ["目標時間", number(report.targetHours)], ["削減時間", number(report.savedHours)],
            ["達成率(%)", number(report.percentOfTarget)], ["年度末見込み時間", number(report.projectedHours)],
            ["目標との差(時間)", number(report.gapHours)], ["常勤換算(人)", number(report.fte, 3)],
            ["見込み常勤換算(人)", number(report.projectedFTE, 3)],
        ]
        if let yen = report.yen, let projected = report.projectedYen {
            rows += [["金額換算(円)", String(Int(yen.rounded()))], ["見込み金額換算(円)", String(Int(projected.rounded()))]]
        }
        rows += [["見込みの算定", report.projectionMethod], [], ["ジョブ", "名称", "回", "件数", "時間", "割合(%)"]]
        rows += report.jobs.map { [$0.job, $0.title ?? "", String($0.runs), String($0.records), number($0.hours), number($0.share * 100)] }
        rows += [[], ["月", "時間", "累計", "目標累計", "前年度", "前年度累計"]]
        rows += report.months.map {
            [$0.month, number($0.hours), $0.cumulativeHours.map { number($0) } ?? "", number($0.targetCumulativeHours),
             $0.previousYearHours.map { number($0) } ?? "", $0.previousYearCumulativeHours.map { number($0) } ?? ""]
        }
        if !report.baselines.isEmpty {
            rows += [[], ["削減時間の基準"]] + report.baselines.map { [ReportLabels.baseline($0)] }
        }
        var utf8: [UInt8] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { utf8.append(0x2C) }
                CSVCell.append(cell, to: &utf8)
            }
            utf8 += [0x0D, 0x0A]
        }
        guard encoding == .cp932 else { return [0xEF, 0xBB, 0xBF] + utf8 }
        return CP932Codec().encodeReplacing(String(decoding: utf8, as: UTF8.self))
    }

    /// Plain decimals (no grouping), so Excel reads them as numbers.
    private func number(_ value: Double, _ decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
