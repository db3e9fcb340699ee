import JimuSpec

/// The dates a 会計課 accepts for an order issued on the run date (its order date):
/// - the order's fiscal year is open: year N from 4/1 of N through 出納閉鎖 in N+1
///   (`accounts_close`, 5/31 by 地方自治法第235条の5);
/// - each 全銀 transfer's 振込指定日 is a bank business day, at least `min_lead_business_days`
///   bank business days after the order date (a bank takes a 総合振込 file only ahead of its date),
///   at most `max_days_ahead` days after it (further is a typo), and not past its year's 出納閉鎖.
///
/// They are issue rules, checked once a record is claimed: a record issued earlier is skipped on a
/// later run whatever its dates, never rejected for them.
struct PaymentDates {
    private let orderDate: LocalDate
    /// The record's fiscal year (the field the job's `number:` is counted by), if the job has one.
    private let year: (field: Int, name: String)?
    /// The fields holding a 振込指定日, one per 全銀 output.
    private let transfers: [(field: Int, name: String)]
    /// The first and last 振込指定日 the order date allows.
    private let earliest: LocalDate
    private let latest: LocalDate
    private let lead: Int
    private let maxDaysAhead: Int
    private let project: ProjectConfig

    /// The rules of a job, nil when it has neither a fiscal year field nor a 全銀 output.
    init?(job: Job, schema: RecordSchema, orderDate: LocalDate, project: ProjectConfig) {
        year = job.records.number?.fiscalYearField.flatMap { name in schema.index[name].map { ($0, name) } }
        var transfers: [(Int, String)] = []
        for output in job.outputs {
            guard case .zengin(let zengin) = output.options, let field = schema.index[zengin.transferDate],
                  !transfers.contains(where: { $0.0 == field })
            else { continue }
            transfers.append((field, zengin.transferDate))
        }
        guard year != nil || !transfers.isEmpty else { return nil }
        self.transfers = transfers
        self.orderDate = orderDate
        lead = project.leadBusinessDays
        maxDaysAhead = project.maxDaysAhead
        self.project = project
        earliest = BusinessCalendar.bank.adding(businessDays: lead, to: orderDate)
        latest = orderDate.adding(days: maxDaysAhead)
    }

    private func closing(of year: Int) -> LocalDate {
        project.closing(of: year)
    }

    /// The last transfer date accepted, with its record's fiscal year: most records of a run share
    /// them, and need not be looked up in the calendar again.
    private var accepted: (day: LocalDate, year: Int?)?
    /// The last fiscal year found open.
    private var openYear: Int?

    /// Why the record cannot be issued on the order date, or nil.
    mutating func check(_ record: Record) -> Rejection? {
        var order: String { orderDate.iso }
        let fiscalYear = year.flatMap { record.values[$0.field].integer }
        if let name = year?.name, let value = fiscalYear, value != openYear {
            if orderDate < LocalDate(year: value, month: 4, day: 1)! {
                return Rejection(
                    field: name, rule: "fiscal_year",
                    message: "\(Wareki.fiscalYear(value)) opens on \(value)-04-01: an order dated \(order) cannot be charged to it yet; check the record's fiscal year")
            }
            let closed = closing(of: value)
            if orderDate > closed {
                return Rejection(
                    field: name, rule: "fiscal_year",
                    message: "\(Wareki.fiscalYear(value)) closed on \(closed.iso) (出納閉鎖, 地方自治法第235条の5): an order dated \(order) cannot be charged to it; check the record's fiscal year")
            }
            openYear = value
        }
        for (field, name) in transfers {
            guard case .date(let day) = record.values[field] else { continue }
            if let accepted, accepted.day == day, accepted.year == fiscalYear { continue }
            var date: String { "\(name) \(day.iso)" }
            if day < orderDate {
                return Rejection(
                    field: name, rule: "payment_date",
                    message: "\(date) is before the order date \(order): a bank pays on no past day; correct the date and replay the record")
            }
            if !BusinessCalendar.bank.isBusinessDay(day) {
                return Rejection(
                    field: name, rule: "payment_date",
                    message: "\(date) is not a bank business day (weekend, holiday or 12/31–1/3); correct the date (business_day: next moves it)")
            }
            if day < earliest {
                let days = lead == 1 ? "1 bank business day" : "\(lead) bank business days"
                return Rejection(
                    field: name, rule: "payment_date",
                    message: "\(date) is too soon after the order date \(order): the bank takes a 総合振込 \(days) ahead (min_lead_business_days in jimu.yaml), so the earliest is \(earliest.iso); move the date, or pay this one by other means")
            }
            if day > latest {
                return Rejection(
                    field: name, rule: "payment_date",
                    message: "\(date) is \(day.daysSinceEpoch - orderDate.daysSinceEpoch) days after the order date \(order), more than max_days_ahead (\(maxDaysAhead)) in jimu.yaml: a typo? correct the date")
            }
            if let fiscalYear, day > closing(of: fiscalYear) {
                return Rejection(
                    field: name, rule: "payment_date",
                    message: "\(date) is after \(Wareki.fiscalYear(fiscalYear))'s 出納閉鎖 on \(closing(of: fiscalYear).iso) (地方自治法第235条の5): the year cannot pay then; correct the date or the fiscal year")
            }
            accepted = (day, fiscalYear)
        }
        return nil
    }
}

/// The bank's dates of `jimu.yaml`, for issues, re-dating approvals and releases alike.
extension ProjectConfig {
    /// Bank business days before its 振込指定日 a 総合振込 file must reach the bank
    /// (`min_lead_business_days` of `zengin:`, 1 by default).
    var leadBusinessDays: Int { zengin?.minLeadBusinessDays ?? 1 }

    /// How many days after the order date a 振込指定日 may be (`max_days_ahead`, 60 by default).
    var maxDaysAhead: Int { zengin?.maxDaysAhead ?? 60 }

    /// The day fiscal year `year` closes (出納閉鎖, `accounts_close`).
    func closing(of year: Int) -> LocalDate {
        LocalDate(year: year + 1, month: accountsClose.month, day: accountsClose.day) ?? LocalDate(year: year + 1, month: 5, day: 31)!
    }
}
