/// The Japanese eras since 明治, with Jimu's own boundary table (not the platform's calendar data,
/// which differs between ICU versions for 明治).
enum Era: Int, Sendable, CaseIterable {
    case meiji = 1, taisho, showa, heisei, reiwa

    /// 明治, 大正, 昭和, 平成, 令和.
    var name: String {
        switch self {
        case .meiji: "明治"
        case .taisho: "大正"
        case .showa: "昭和"
        case .heisei: "平成"
        case .reiwa: "令和"
        }
    }

    /// M, T, S, H, R.
    var letter: Character {
        switch self {
        case .meiji: "M"
        case .taisho: "T"
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The first day of the era (明治 per CLDR: 1868-10-23).
    var start: LocalDate {
        switch self {
        case .meiji: LocalDate(year: 1868, month: 10, day: 23)!
        case .taisho: LocalDate(year: 1912, month: 7, day: 30)!
        case .showa: LocalDate(year: 1926, month: 12, day: 25)!
        case .heisei: LocalDate(year: 1989, month: 1, day: 8)!
        case .reiwa: LocalDate(year: 2019, month: 5, day: 1)!
        }
    }

    /// The last day of the era, nil for the current one.
    var end: LocalDate? {
        Era(rawValue: rawValue + 1).map { $0.start.adding(days: -1) }
    }

    /// The era a date falls in, nil before 明治.
    static func of(_ date: LocalDate) -> Era? {
        allCases.last { $0.start <= date }
    }

    /// Reads 明治…令和, M…R (any case) or the one-digit era codes 1–5 of tax systems.
    static func named(_ text: Substring) -> Era? {
        if let era = allCases.first(where: { $0.name == text }) { return era }
        guard text.count == 1, let character = text.uppercased().first else { return nil }
        return allCases.first { $0.letter == character }
    }
}

/// 和暦 formatting.
enum Wareki {
    /// `令和8年4月1日`; year 1 is written `元年`. Dates before 明治 fall back to ISO.
    static func long(_ date: LocalDate) -> String {
        guard let era = Era.of(date) else { return date.iso }
        let year = date.year - era.start.year + 1
        return "\(era.name)\(year == 1 ? "元" : String(year))年\(date.month)月\(date.day)日"
    }

    /// `R8.4.1`.
    static func short(_ date: LocalDate) -> String {
        guard let era = Era.of(date) else { return date.iso }
        return "\(era.letter)\(date.year - era.start.year + 1).\(date.month).\(date.day)"
    }

    /// The fiscal year as `令和8年度` (`令和元年度` for FY2019, whose April still lay in 平成).
    /// A fiscal year takes the era in force at its end (April 2019–March 2020 is 令和元年度), unless
    /// that era began after the year's first calendar year: April 1988–March 1989 is 昭和63年度, not
    /// 平成0年度.
    static func fiscalYear(_ year: Int) -> String {
        guard let end = LocalDate(year: year + 1, month: 3, day: 31), let start = LocalDate(year: year, month: 4, day: 1),
              var era = Era.of(end)
        else { return "\(year)年度" }
        if year - era.start.year + 1 < 1, let earlier = Era.of(start) { era = earlier }
        let number = year - era.start.year + 1
        return "\(era.name)\(number == 1 ? "元" : String(number))年度"
    }
}
