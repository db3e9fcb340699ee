import Foundation

/// Japanese national holidays, computed from the rules of 国民の祝日に関する法律 and the special
/// laws (one-off ceremonies, the 2019 accession, the 2020/2021 Olympic moves), with the names the
/// Cabinet Office's list uses. Tested against that list for every year it covers (1955–2027).
enum JapaneseHolidays {
    /// The holiday name of a date (`元日`, `休日` for 振替休日 and 国民の休日), or nil.
    static func name(of date: LocalDate) -> String? {
        holidays(in: date.year)[date]
    }

    /// Every holiday of a year, by date (computed once per year and kept).
    static func holidays(in year: Int) -> [LocalDate: String] {
        memo.value(for: year) { compute(year) }
    }

    private static let memo = YearMemo()

    private static func compute(_ year: Int) -> [LocalDate: String] {
        var days = nationalHolidays(in: year)
        let national = days
        for (date, _) in national where date.weekday == 0 && date >= LocalDate(year: 1973, month: 4, day: 12)! {
            var substitute = date.adding(days: 1)
            if date.year >= 2007 { while national[substitute] != nil { substitute = substitute.adding(days: 1) } }
            if national[substitute] == nil, substitute.year == year { days[substitute] = "休日" }
        }
        // 国民の休日 (from 1985-12-27): a day between two 国民の祝日 that is neither Sunday nor a holiday.
        if year >= 1986 {
            for (date, _) in national {
                let between = date.adding(days: 1)
                if between.year == year, days[between] == nil, between.weekday != 0, national[date.adding(days: 2)] != nil {
                    days[between] = "休日"
                }
            }
        }
        return days
    }

    /// The 国民の祝日 of a year and the days special laws made holidays, before 振替休日 and 国民の休日.
    static func nationalHolidays(in year: Int) -> [LocalDate: String] {
        var days: [LocalDate: String] = [:]
        func add(_ month: Int, _ day: Int, _ name: String) { days[LocalDate(year: year, month: month, day: day)!] = name }
        func monday(_ month: Int, _ week: Int, _ name: String) { days[nthMonday(week, of: month, in: year)] = name }
        if year >= 1949 { add(1, 1, "元日") }
        if year >= 2000 { monday(1, 2, "成人の日") } else if year >= 1949 { add(1, 15, "成人の日") }
        if year >= 1967 { add(2, 11, "建国記念の日") }
        if year >= 2020 { add(2, 23, "天皇誕生日") }
        if year >= 1949 { add(3, vernalEquinox(year), "春分の日") }
        switch year {
        case 2007...: add(4, 29, "昭和の日")
        case 1989...2006: add(4, 29, "みどりの日")
        case 1949...1988: add(4, 29, "天皇誕生日")
        default: break
        }
        if year >= 1949 { add(5, 3, "憲法記念日") }
        if year >= 2007 { add(5, 4, "みどりの日") }
        if year >= 1949 { add(5, 5, "こどもの日") }
        switch year {
        case 2020: add(7, 23, "海の日")
        case 2021: add(7, 22, "海の日")
        case 2003...: monday(7, 3, "海の日")
        case 1996...2002: add(7, 20, "海の日")
        default: break
        }
        switch year {
        case 2020: add(8, 10, "山の日")
        case 2021: add(8, 8, "山の日")
        case 2016...: add(8, 11, "山の日")
        default: break
        }
        if year >= 2003 { monday(9, 3, "敬老の日") } else if year >= 1966 { add(9, 15, "敬老の日") }
        if year >= 1948 { add(9, autumnalEquinox(year), "秋分の日") }
        switch year {
        case 2020: add(7, 24, "スポーツの日")
        case 2021: add(7, 23, "スポーツの日")
        case 2022...: monday(10, 2, "スポーツの日")
        case 2019: monday(10, 2, "体育の日（スポーツの日）")
        case 2000...2018: monday(10, 2, "体育の日")
        case 1966...1999: add(10, 10, "体育の日")
        default: break
        }
        if year >= 1948 { add(11, 3, "文化の日") }
        if year >= 1948 { add(11, 23, "勤労感謝の日") }
        if (1989...2018).contains(year) { add(12, 23, "天皇誕生日") }
        for (date, name) in oneOff where date.year == year { days[date] = name }
        return days
    }

    /// Days made holidays by special laws.
    static let oneOff: [(LocalDate, String)] = [
        (LocalDate(year: 1959, month: 4, day: 10)!, "結婚の儀"),
        (LocalDate(year: 1989, month: 2, day: 24)!, "大喪の礼"),
        (LocalDate(year: 1990, month: 11, day: 12)!, "即位礼正殿の儀"),
        (LocalDate(year: 1993, month: 6, day: 9)!, "結婚の儀"),
        (LocalDate(year: 2019, month: 5, day: 1)!, "休日（祝日扱い）"),
        (LocalDate(year: 2019, month: 10, day: 22)!, "休日（祝日扱い）"),
    ]

    /// 春分日 by the usual approximation, valid 1900–2099.
    static func vernalEquinox(_ year: Int) -> Int {
        let offset = Double(year - 1980)
        return year < 1980
            ? Int(20.8357 + 0.242194 * offset) - (year - 1983) / 4
            : Int(20.8431 + 0.242194 * offset) - (year - 1980) / 4
    }

    /// 秋分日 by the usual approximation, valid 1900–2099.
    static func autumnalEquinox(_ year: Int) -> Int {
        let offset = Double(year - 1980)
        return year < 1980
            ? Int(23.2588 + 0.242194 * offset) - (year - 1983) / 4
            : Int(23.2488 + 0.242194 * offset) - (year - 1980) / 4
    }

    /// Years already computed; business-day arithmetic asks about the same year again and again.
    private final class YearMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var years: [Int: [LocalDate: String]] = [:]

        func value(for year: Int, _ make: () -> [LocalDate: String]) -> [LocalDate: String] {
            lock.lock()
            defer { lock.unlock() }
            if let known = years[year] { return known }
            let made = make()
            years[year] = made
            return made
        }
    }

    /// The `week`-th Monday of a month (Happy Monday holidays).
    static func nthMonday(_ week: Int, of month: Int, in year: Int) -> LocalDate {
        let first = LocalDate(year: year, month: month, day: 1)!
        let toMonday = (8 - first.weekday) % 7
        return first.adding(days: toMonday + 7 * (week - 1))
    }
}
