import JimuSpec

/// The values of one run that templates use besides record fields (`RunValue`): one set, built once
/// per run, for computed fields, the key, every output and the rejects path, and with stand-ins
/// for `jimu check`.
struct RunValues: Sendable, ExpressibleByDictionaryLiteral {
    /// Values by name: the run values, and in a file's header, footer or cover page the file's own
    /// (`count`, `cover_page`).
    private(set) var values: [String: String]

    /// The values of a run.
    /// - Parameter timestamp: when the run started, ISO 8601 (`2026-11-21T07:30:00+09:00`).
    init(job: Job, runID: Int64, date: LocalDate, timestamp: String, organisation: String) {
        let time = timestamp.utf8.count >= 19 ? String(timestamp.dropFirst(11).prefix(8)).replacingOccurrences(of: ":", with: "") : ""
        values = [
            RunValue.job.rawValue: job.id, RunValue.run_id.rawValue: String(runID), RunValue.run_date.rawValue: date.iso,
            RunValue.run_time.rawValue: time, RunValue.fiscal_year.rawValue: String(date.fiscalYear),
            RunValue.input.rawValue: job.records.from, RunValue.organisation.rawValue: organisation,
            RunValue.order_date.rawValue: date.iso,
        ]
    }

    /// Values by name (tests, and a file's own values).
    init(dictionaryLiteral elements: (String, String)...) {
        values = Dictionary(elements, uniquingKeysWith: { $1 })
    }

    /// The value of a name, nil when there is none.
    subscript(name: String) -> String? { values[name] }

    /// These values and a file's own.
    func adding(_ more: [String: String]) -> RunValues {
        var copy = self
        copy.values.merge(more) { $1 }
        return copy
    }
}
