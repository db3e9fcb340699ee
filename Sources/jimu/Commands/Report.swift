import ArgumentParser
import Foundation
import JimuKit
import JimuSpec

/// `jimu report`: hours saved in a fiscal year against the target, from the ledger.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the staff hours saved in a fiscal year (April–March) against the target.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The fiscal year: 2026, R8 or 令和8年度 (default: the year of --as-of).")
    var fiscalYear: String?

    @Option(help: "The date the report is made as of (YYYY-MM-DD; default: today in jimu.yaml's time zone).")
    var asOf: String?

    @Option(help: "\(ReportFormats.identifiers.joined(separator: ", ")).")
    var format = "text"

    @Option(help: "For csv: utf-8 (with a BOM, for Excel) or cp932.")
    var encoding = "utf-8"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        guard let formatter = ReportFormats.named(format) else {
            throw ValidationError("unknown format '\(format)'; expected one of \(ReportFormats.identifiers.joined(separator: ", "))")
        }
        guard let textEncoding = ["utf-8": TextEncoding.utf8, "utf8": .utf8, "cp932": .cp932, "shift_jis": .cp932][encoding.lowercased()] else {
            throw ValidationError("unknown encoding '\(encoding)'; expected utf-8 or cp932")
        }
        let config = try project.config()
        do {
            let ledger = try project.openLedger(config, create: false)
            var context = RunContext(project: config, ledger: ledger)
            context.asOf = try asOf.map(DateArgument.parse)
            let date = context.businessDate
            let year = try fiscalYear.map(Self.parseYear) ?? FiscalYear(containing: date)
            let report = try SavingsCalculator(project: config).report(year, asOf: date, ledger: ledger)
            let bytes = try formatter.format(report, encoding: textEncoding)
            if let output {
                try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("error: \(error)")
            try ExitStatus(error).exit()
        }
    }

    static func parseYear(_ text: String) throws -> FiscalYear {
        guard let year = FiscalYear(parsing: text) else {
            throw ValidationError("--fiscal-year '\(text)' is not a fiscal year; write e.g. 2026, R8 or 令和8年度")
        }
        return year
    }
}

/// Dates given on the command line.
enum DateArgument {
    /// The date an option gives, nil when it is not given.
    static func parse(_ text: String?, option: String) throws -> LocalDate? {
        do { return try text.map(parse) } catch { throw ValidationError("\(option) \(error)") }
    }

    static func parse(_ text: String) throws -> LocalDate {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = LocalDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw ValidationError("'\(text)' is not a date written YYYY-MM-DD")
        }
        return date
    }
}
