import Foundation
import JimuSpec

/// The report as JSON, keys in snake_case (schema in the README).
struct JSONReportFormatter: ReportFormatter {
    static let identifier = "json"

    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(report)) + [0x0A]
    }
}
