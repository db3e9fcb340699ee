import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct SavingsReportTests {
    static var project: ProjectConfig {
        var config = ProjectConfig(root: Fixtures.packageRoot)
        config.organisation = "みどり市"
        config.targetHours = 2000
        config.hourlyCostYen = 3200
        config.fteHours = 1860
        return config
    }

    static let asOf = LocalDate(year: 2026, month: 11, day: 21)!

    static func sampleReport() throws -> SavingsReport {
        let ledger = try SQLiteLedger()
        try SimulatedYear.fill(ledger, with: SimulatedYear.sample)
        return try SavingsCalculator(project: project).report(FiscalYear(2026), asOf: asOf, ledger: ledger)
    }

    @Test("figures add up: hours, share, projection, FTE, yen, months, previous year")
    func figures() throws {
        let report = try Self.sampleReport()
        let runs = SimulatedYear.sample.filter { $0.date >= "2026-04-01" && $0.date <= "2026-11-21" }
        let expected = runs.reduce(0) { $0 + $1.minutes } / 60
        #expect(abs(report.savedHours - expected) < 1e-9)
        #expect(report.runs == runs.count)
        #expect(abs(report.jobs.map(\.share).reduce(0, +) - 1) < 1e-9)
        #expect(report.jobs.map(\.job) == ["property-inquiries", "payment-orders", "old-register"])
        #expect(report.jobs.last?.title == nil)
        #expect(abs(report.projectedHours - expected * 365 / 235) < 1e-9)
        #expect(report.projectedHours > 2000 && report.gapHours == 0)
        #expect(abs(report.fte - expected / 1860) < 1e-9)
        #expect(abs(report.yen! - expected * 3200) < 1e-6)
        #expect(report.months.count == 12)
        #expect(abs((report.months[7].cumulativeHours ?? 0) - expected) < 1e-9)
        #expect(report.months[8].cumulativeHours == nil)
        #expect(report.months.last?.targetCumulativeHours == 2000)
        let previous = SimulatedYear.sample.filter { $0.date < "2026-04-01" }.reduce(0) { $0 + $1.minutes } / 60
        #expect(abs((report.previousYearHours ?? 0) - previous) < 1e-9)
        #expect(abs((report.months.last?.previousYearCumulativeHours ?? 0) - previous) < 1e-9)
    }

    @Test("a baseline changed mid-year keeps both: credit at the old rate before, the new after, two footnotes")
    func changedBaseline() throws {
        let report = try Self.sampleReport()
        let payment = report.baselines.filter { $0.job == "payment-orders" }
        #expect(payment.map(\.basis) == ["会計課 業務量調査 (2020)", "会計課 再調査 (令和8年9月)"])
        #expect(payment.map(\.runs) == [12, 4])
        #expect(payment.map(\.manualMinutesPerRecord) == [12, 10])
    }

    @Test("every format renders the sample year exactly", arguments: ReportFormats.identifiers)
    func golden(format: String) throws {
        let report = try Self.sampleReport()
        let bytes = try ReportFormats.named(format)!.format(report, encoding: .utf8)
        Golden.assertEqual(bytes, "Golden/sample-year.\(format == "text" ? "txt" : format)")
    }

    @Test("CSV in CP932 opens in Japanese Excel and says the same as the UTF-8 one")
    func csvCP932() throws {
        let report = try Self.sampleReport()
        let cp932 = try ReportFormats.named("csv")!.format(report, encoding: .cp932)
        let utf8 = try ReportFormats.named("csv")!.format(report, encoding: .utf8)
        #expect(Array(utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try CP932Codec().decode(cp932) == String(decoding: utf8.dropFirst(3), as: UTF8.self))
    }

    @Test("the burn-up chart's points are the ledger's cumulative hours per month")
    func chartPoints() throws {
        let ledger = try SQLiteLedger()
        try SimulatedYear.fill(ledger, with: SimulatedYear.sample)
        let report = try SavingsCalculator(project: Self.project).report(FiscalYear(2026), asOf: Self.asOf, ledger: ledger)
        let html = String(decoding: try ReportFormats.named("html")!.format(report, encoding: .utf8), as: UTF8.self)
        let points = html.matches(of: /data-month="(\d{4}-\d{2})" data-hours="([0-9.]+)"/).map { (String($0.1), Double($0.2)!) }
        let credits = try ledger.credits(from: "2026-04-01", through: "2026-11-21")
        var cumulative = 0.0
        let expected = FiscalYear(2026).months.prefix(8).map { month -> (String, Double) in
            let prefix = String(format: "%04d-%02d", month.year, month.month)
            cumulative += credits.filter { $0.runDate.hasPrefix(prefix) }.reduce(0) { $0 + $1.minutes } / 60
            return (prefix, cumulative)
        }
        #expect(points.map(\.0) == expected.map(\.0))
        for (point, value) in zip(points, expected) { #expect(abs(point.1 - value.1) < 0.001) }
        let bars = html.matches(of: /data-job="([a-z-]+)" data-hours="([0-9.]+)"/).map { (String($0.1), Double($0.2)!) }
        #expect(bars.map(\.0) == report.jobs.map(\.job))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test("an empty ledger, and a year without runs, give a readable report of zeros")
    func empty() throws {
        let report = try SavingsCalculator(project: Self.project).report(FiscalYear(2030), asOf: Self.asOf, ledger: try SQLiteLedger())
        #expect(report.savedHours == 0 && report.projectedHours == 0 && report.jobs.isEmpty && report.previousYearHours == nil)
        #expect(report.projectionMethod == "年度開始前のため見込みなし")
        let text = String(decoding: try ReportFormats.named("text")!.format(report, encoding: .utf8), as: UTF8.self)
        #expect(text.contains("削減実績               0.0 時間") && text.contains("(なし)"))
        _ = try ReportFormats.all.map { try $0.format(report, encoding: .utf8) }
        let closed = try SavingsCalculator(project: Self.project).report(
            FiscalYear(2025), asOf: Self.asOf, ledger: { let l = try SQLiteLedger(); try SimulatedYear.fill(l, with: SimulatedYear.sample); return l }())
        #expect(closed.projectedHours == closed.savedHours && closed.projectionMethod == "年度終了: 見込みは確定値")
    }

    @Test("fiscal years are read as staff write them", arguments: [
        ("2026", 2026), ("FY2026", 2026), ("R8", 2026), ("r8", 2026), ("令和8年度", 2026), ("令和8", 2026), ("Ｒ８", 2026),
        ("令和元年度", 2019), ("平成31年度", 2019), ("H31", 2019), ("平成30年度", 2018),
    ])
    func fiscalYears(text: String, year: Int) {
        #expect(FiscalYear(parsing: text)?.year == year)
    }

    @Test("fiscal year labels and months")
    func fiscalYearShape() {
        #expect(FiscalYear(2019).label == "令和元年度")
        #expect(FiscalYear(2026).months.first! == (2026, 4) && FiscalYear(2026).months.last! == (2027, 3))
        #expect(FiscalYear(parsing: "昭和") == nil && FiscalYear(parsing: "R") == nil && FiscalYear(parsing: "abc") == nil)
    }
}
