/// Hours saved in a fiscal year against the organisation's target: the figures of `jimu report`,
/// in every format. Encoded as JSON with snake_case keys (documented in the README).
public struct SavingsReport: Sendable, Codable, Equatable {
    /// One job's share of the year.
    public struct Job: Sendable, Codable, Equatable {
        public var job: String
        public var title: String?
        public var runs: Int
        public var records: Int
        public var hours: Double
        /// Fraction of the year's hours, 0…1.
        public var share: Double
    }

    /// One month, April first.
    public struct Month: Sendable, Codable, Equatable {
        /// `2026-04`.
        public var month: String
        /// `4月`.
        public var label: String
        public var hours: Double
        /// Hours from April through this month; nil for months after the as-of date.
        public var cumulativeHours: Double?
        /// The target line: `target × elapsed days / days in the year` at the month's end.
        public var targetCumulativeHours: Double
        public var previousYearHours: Double?
        public var previousYearCumulativeHours: Double?
    }

    /// A baseline that earned credit this year (a footnote of every report).
    public struct Baseline: Sendable, Codable, Equatable {
        public var job: String
        public var manualMinutesPerRecord: Double
        public var reviewMinutesPerRecord: Double
        public var manualMinutesPerRun: Double
        public var basis: String
        public var effectiveFrom: String?
        public var runs: Int
    }

    public var organisation: String
    public var fiscalYear: Int
    /// `令和8年度`.
    public var fiscalYearLabel: String
    public var periodStart: String
    public var periodEnd: String
    public var asOf: String
    public var targetHours: Double
    public var savedHours: Double
    /// `saved / target × 100`.
    public var percentOfTarget: Double
    /// Hours expected by March 31.
    public var projectedHours: Double
    /// How the projection was made, in words.
    public var projectionMethod: String
    /// `target － projected`, or 0 when the projection reaches the target.
    public var gapHours: Double
    public var runs: Int
    public var records: Int
    /// Full-time equivalents: hours ÷ `fte_hours`.
    public var fte: Double
    public var projectedFTE: Double
    public var fteHours: Double
    /// Yen: hours × `hourly_cost_yen`; nil when no cost is configured.
    public var yen: Double?
    public var projectedYen: Double?
    public var hourlyCostYen: Double?
    public var jobs: [Job]
    public var months: [Month]
    /// Hours of the previous fiscal year, when the ledger has any.
    public var previousYearHours: Double?
    public var baselines: [Baseline]

    enum CodingKeys: String, CodingKey {
        case organisation, fiscalYear = "fiscal_year", fiscalYearLabel = "fiscal_year_label"
        case periodStart = "period_start", periodEnd = "period_end", asOf = "as_of", targetHours = "target_hours"
        case savedHours = "saved_hours", percentOfTarget = "percent_of_target", projectedHours = "projected_hours"
        case projectionMethod = "projection_method", gapHours = "gap_hours", runs, records, fte
        case projectedFTE = "projected_fte", fteHours = "fte_hours", yen, projectedYen = "projected_yen"
        case hourlyCostYen = "hourly_cost_yen", jobs, months, previousYearHours = "previous_year_hours", baselines
    }
}

extension SavingsReport.Job {
    enum CodingKeys: String, CodingKey { case job, title, runs, records, hours, share }
}

extension SavingsReport.Month {
    enum CodingKeys: String, CodingKey {
        case month, label, hours, cumulativeHours = "cumulative_hours", targetCumulativeHours = "target_cumulative_hours"
        case previousYearHours = "previous_year_hours", previousYearCumulativeHours = "previous_year_cumulative_hours"
    }
}

extension SavingsReport.Baseline {
    enum CodingKeys: String, CodingKey {
        case job, manualMinutesPerRecord = "manual_minutes_per_record", reviewMinutesPerRecord = "review_minutes_per_record"
        case manualMinutesPerRun = "manual_minutes_per_run", basis, effectiveFrom = "effective_from", runs
    }
}
