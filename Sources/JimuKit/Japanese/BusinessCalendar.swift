import JimuSpec
/// Business days of a Japanese public office or bank: Monday to Friday, not a national holiday or
/// 休日, not in the year-end closure (年末年始).
public struct BusinessCalendar: Sendable, Equatable {
    /// Which way to move a date that is not a business day.
    public enum Adjustment: String, Sendable, CaseIterable {
        /// To the next business day.
        case next
        /// To the previous business day.
        case previous
    }

    /// The first day of the year-end closure (month, day), e.g. (12, 29); nil for none.
    public var closureStart: (month: Int, day: Int)?
    /// The last day of the closure in the new year, e.g. (1, 3).
    public var closureEnd: (month: Int, day: Int)?

    /// City offices: closed 12/29–1/3 (行政機関の休日に関する法律).
    public static let office = BusinessCalendar(closureStart: (12, 29), closureEnd: (1, 3))
    /// The office calendar of a project (its `office_closed`).
    public static func office(of project: ProjectConfig) -> BusinessCalendar {
        let (start, end) = project.officeClosed
        return BusinessCalendar(closureStart: (start.month, start.day), closureEnd: (end.month, end.day))
    }

    /// Banks: closed 12/31–1/3 (銀行法施行令).
    public static let bank = BusinessCalendar(closureStart: (12, 31), closureEnd: (1, 3))

    /// Creates a calendar with a year-end closure from `closureStart` in December to `closureEnd` in January.
    public init(closureStart: (month: Int, day: Int)?, closureEnd: (month: Int, day: Int)?) {
        self.closureStart = closureStart
        self.closureEnd = closureEnd
    }

    /// Whether offices are open on a date.
    public func isBusinessDay(_ date: LocalDate) -> Bool {
        (1...5).contains(date.weekday) && !isClosedForYearEnd(date) && JapaneseHolidays.name(of: date) == nil
    }

    /// Why offices are closed on a date (`a Saturday`, `勤労感謝の日`, `the year-end closure`), nil
    /// on a business day.
    public func closure(on date: LocalDate) -> String? {
        if date.weekday == 0 { return "a Sunday" }
        if date.weekday == 6 { return "a Saturday" }
        if let holiday = JapaneseHolidays.name(of: date) { return holiday }
        return isClosedForYearEnd(date) ? "the year-end closure" : nil
    }

    /// The date itself when it is a business day, else the nearest one in the given direction.
    public func adjust(_ date: LocalDate, _ adjustment: Adjustment) -> LocalDate {
        var current = date
        while !isBusinessDay(current) { current = current.adding(days: adjustment == .next ? 1 : -1) }
        return current
    }

    /// The `count`-th business day after `date` (a reply deadline of N business days).
    public func adding(businessDays count: Int, to date: LocalDate) -> LocalDate {
        var current = date
        var remaining = count
        while remaining > 0 {
            current = current.adding(days: 1)
            if isBusinessDay(current) { remaining -= 1 }
        }
        return current
    }

    /// The business days of a month, in order (for "the 5th business day" and "the last business day").
    public func businessDays(year: Int, month: Int) -> [LocalDate] {
        (1...LocalDate.daysIn(month: month, year: year)).compactMap { day in
            let date = LocalDate(year: year, month: month, day: day)!
            return isBusinessDay(date) ? date : nil
        }
    }

    private func isClosedForYearEnd(_ date: LocalDate) -> Bool {
        if let start = closureStart, date.month == start.month, date.day >= start.day { return true }
        if let end = closureEnd, date.month == end.month, date.day <= end.day { return true }
        return false
    }

    public static func == (lhs: BusinessCalendar, rhs: BusinessCalendar) -> Bool {
        lhs.closureStart?.month == rhs.closureStart?.month && lhs.closureStart?.day == rhs.closureStart?.day
            && lhs.closureEnd?.month == rhs.closureEnd?.month && lhs.closureEnd?.day == rhs.closureEnd?.day
    }
}
