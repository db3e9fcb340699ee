import JimuSpec

/// Builds a `SavingsReport` from the credits in the ledger; pure, so every figure is testable.
public struct SavingsCalculator {
    let project: ProjectConfig

    /// Creates a calculator with the project's target, FTE hours and staff cost.
    public init(project: ProjectConfig) {
        self.project = project
    }

    /// Reads the year's and the previous year's credits from a ledger and builds the report.
    public func report(_ year: FiscalYear, asOf: LocalDate, ledger: any Ledger) throws -> SavingsReport {
        let credits = try ledger.credits(from: year.start.iso, through: min(asOf, year.end).iso)
        let previous = try ledger.credits(from: year.previous.start.iso, through: year.previous.end.iso)
        return report(year, asOf: asOf, credits: asOf < year.start ? [] : credits, previous: previous)
    }

    /// The report for credits already read.
    public func report(_ year: FiscalYear, asOf: LocalDate, credits: [SavingsCredit], previous: [SavingsCredit]) -> SavingsReport {
        let saved = hours(credits)
        let projection = project(saved, year: year, asOf: asOf)
        let target = project.targetHours
        return SavingsReport(
            organisation: project.organisation, fiscalYear: year.year, fiscalYearLabel: year.label,
            periodStart: year.start.iso, periodEnd: year.end.iso, asOf: asOf.iso, targetHours: target,
            savedHours: saved, percentOfTarget: target > 0 ? saved / target * 100 : 0, projectedHours: projection.hours,
            projectionMethod: projection.method, gapHours: max(0, target - projection.hours), runs: credits.count,
            records: credits.reduce(0) { $0 + $1.records }, fte: saved / project.fteHours,
            projectedFTE: projection.hours / project.fteHours, fteHours: project.fteHours,
            yen: project.hourlyCostYen.map { saved * $0 }, projectedYen: project.hourlyCostYen.map { projection.hours * $0 },
            hourlyCostYen: project.hourlyCostYen, jobs: jobs(credits, total: saved),
            months: months(year, asOf: asOf, credits: credits, previous: previous),
            previousYearHours: previous.isEmpty ? nil : hours(previous), baselines: baselines(credits))
    }

    // MARK: - Private

    private func hours(_ credits: [SavingsCredit]) -> Double {
        credits.reduce(0) { $0 + $1.minutes } / 60
    }

    /// Run rate over the calendar days elapsed in the fiscal year, extended to March 31.
    private func project(_ saved: Double, year: FiscalYear, asOf: LocalDate) -> (hours: Double, method: String) {
        let total = year.end.daysSinceEpoch - year.start.daysSinceEpoch + 1
        if asOf < year.start { return (0, "年度開始前のため見込みなし") }
        if asOf >= year.end { return (saved, "年度終了: 見込みは確定値") }
        let elapsed = asOf.daysSinceEpoch - year.start.daysSinceEpoch + 1
        return (
            saved * Double(total) / Double(elapsed),
            "実績ペース: これまでの削減時間 × 年度日数 \(total) 日 ÷ 経過日数 \(elapsed) 日（\(year.start.iso)～\(asOf.iso)）"
        )
    }

    private func jobs(_ credits: [SavingsCredit], total: Double) -> [SavingsReport.Job] {
        Dictionary(grouping: credits, by: \.job).map { job, entries in
            let hours = hours(entries)
            return SavingsReport.Job(
                job: job, title: entries.last?.title, runs: entries.count, records: entries.reduce(0) { $0 + $1.records },
                hours: hours, share: total > 0 ? hours / total : 0)
        }.sorted { ($0.hours, $1.job) > ($1.hours, $0.job) }
    }

    private func months(_ year: FiscalYear, asOf: LocalDate, credits: [SavingsCredit], previous: [SavingsCredit]) -> [SavingsReport.Month] {
        let days = Double(year.end.daysSinceEpoch - year.start.daysSinceEpoch + 1)
        var cumulative = 0.0, previousCumulative = 0.0
        return year.months.map { month in
            let prefix = "\(month.year)-\(month.month < 10 ? "0" : "")\(month.month)"
            let previousPrefix = "\(month.year - 1)-\(month.month < 10 ? "0" : "")\(month.month)"
            let monthHours = hours(credits.filter { $0.runDate.hasPrefix(prefix) })
            let previousHours = hours(previous.filter { $0.runDate.hasPrefix(previousPrefix) })
            cumulative += monthHours
            previousCumulative += previousHours
            let monthEnd = LocalDate(year: month.year, month: month.month, day: LocalDate.daysIn(month: month.month, year: month.year))!
            let started = LocalDate(year: month.year, month: month.month, day: 1)! <= asOf
            return SavingsReport.Month(
                month: prefix, label: "\(month.month)月", hours: monthHours, cumulativeHours: started ? cumulative : nil,
                targetCumulativeHours: project.targetHours * Double(monthEnd.daysSinceEpoch - year.start.daysSinceEpoch + 1) / days,
                previousYearHours: previous.isEmpty ? nil : previousHours,
                previousYearCumulativeHours: previous.isEmpty ? nil : previousCumulative)
        }
    }

    private func baselines(_ credits: [SavingsCredit]) -> [SavingsReport.Baseline] {
        var seen: [String: SavingsReport.Baseline] = [:]
        var order: [String] = []
        for credit in credits {
            let key = "\(credit.job)|\(credit.baseline.effectiveFrom ?? "")|\(credit.baseline.basis)"
            if seen[key] == nil {
                order.append(key)
                seen[key] = SavingsReport.Baseline(
                    job: credit.job, manualMinutesPerRecord: credit.baseline.manualMinutesPerRecord,
                    reviewMinutesPerRecord: credit.baseline.reviewMinutesPerRecord, manualMinutesPerRun: credit.baseline.manualMinutesPerRun,
                    basis: credit.baseline.basis, effectiveFrom: credit.baseline.effectiveFrom, runs: 0)
            }
            seen[key]!.runs += 1
        }
        return order.map { seen[$0]! }.sorted { ($0.job, $0.effectiveFrom ?? "") < ($1.job, $1.effectiveFrom ?? "") }
    }
}
