import Foundation
import JimuSpec

/// Writes a `SavingsReport` in one format.
public protocol ReportFormatter: Sendable {
    /// The `--format` value.
    static var identifier: String { get }
    /// The report's bytes.
    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8]
}

/// The one list of report formats.
public enum ReportFormats {
    /// Every formatter.
    public static let all: [any ReportFormatter] = [
        TextReportFormatter(), MarkdownReportFormatter(), CSVReportFormatter(), JSONReportFormatter(), HTMLReportFormatter(),
    ]

    /// The formatter for an identifier.
    public static func named(_ identifier: String) -> (any ReportFormatter)? {
        all.first { type(of: $0).identifier == identifier }
    }

    /// The identifiers, for help texts.
    public static var identifiers: [String] { all.map { type(of: $0).identifier } }
}

/// Number formatting shared by the formats: fixed decimals with digit grouping.
enum ReportNumber {
    /// `1234.56` → `1,234.6` (one decimal by default).
    static func hours(_ value: Double, decimals: Int = 1) -> String {
        let rounded = String(format: "%.\(decimals)f", value)
        let parts = rounded.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]) ?? 0
        let grouped = (rounded.hasPrefix("-") && whole == 0 ? "-" : "") + Transforms.grouped(whole)
        return parts.count > 1 ? "\(grouped).\(parts[1])" : grouped
    }

    /// `￥1,234,567`.
    static func yen(_ value: Double) -> String { "￥" + Transforms.grouped(Int(value.rounded())) }

    /// `12.3 %`.
    static func percent(_ value: Double) -> String { hours(value) + " %" }
}

/// The labels every format uses, in one place.
enum ReportLabels {
    static func title(_ report: SavingsReport) -> String {
        let organisation = report.organisation.isEmpty ? "" : "\(report.organisation) "
        return "\(organisation)業務削減時間 \(report.fiscalYearLabel)"
    }

    static func period(_ report: SavingsReport) -> String {
        "\(report.periodStart)～\(report.periodEnd)、\(report.asOf) 現在"
    }

    static func baseline(_ baseline: SavingsReport.Baseline) -> String {
        var text = "\(baseline.job): 手作業 \(ReportNumber.hours(baseline.manualMinutesPerRecord)) 分/件 － 確認 "
            + "\(ReportNumber.hours(baseline.reviewMinutesPerRecord)) 分/件"
        if baseline.manualMinutesPerRun > 0 { text += " + \(ReportNumber.hours(baseline.manualMinutesPerRun)) 分/回" }
        text += "（\(baseline.effectiveFrom.map { "\($0) から、" } ?? "")\(baseline.runs) 回）。根拠: \(baseline.basis)"
        return text
    }
}
