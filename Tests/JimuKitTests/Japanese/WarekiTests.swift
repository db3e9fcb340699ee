@testable import JimuKit
import Testing

@Suite struct WarekiTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    @Test("era boundaries format exactly, with 元年", arguments: [
        (date(1912, 7, 29), "明治45年7月29日"), (date(1912, 7, 30), "大正元年7月30日"),
        (date(1926, 12, 24), "大正15年12月24日"), (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1989, 1, 7), "昭和64年1月7日"), (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"), (date(2019, 5, 1), "令和元年5月1日"),
        (date(2026, 11, 21), "令和8年11月21日"),
    ])
    func long(date: LocalDate, expected: String) {
        #expect(Wareki.long(date) == expected)
    }

    @Test("short form and fiscal years")
    func shortAndFiscal() {
        #expect(Wareki.short(Self.date(2024, 4, 1)) == "R6.4.1")
        #expect(Wareki.short(Self.date(1970, 3, 2)) == "S45.3.2")
        #expect(Wareki.fiscalYear(2019) == "令和元年度")
        // April 1988–March 1989 ends in 平成 but is 昭和63年度; the next is 平成元年度.
        #expect(Wareki.fiscalYear(1988) == "昭和63年度")
        #expect(Wareki.fiscalYear(1989) == "平成元年度")
        #expect(Wareki.fiscalYear(2018) == "平成30年度")
        #expect(Wareki.fiscalYear(2026) == "令和8年度")
        #expect(Self.date(2027, 3, 31).fiscalYear == 2026)
        #expect(Self.date(2027, 4, 1).fiscalYear == 2027)
    }

    @Test("reads what Japanese exports write", arguments: [
        ("2024-04-01", date(2024, 4, 1)), ("2024/4/1", date(2024, 4, 1)), ("2024.4.1", date(2024, 4, 1)),
        ("20240401", date(2024, 4, 1)), ("2024年4月1日", date(2024, 4, 1)), ("令和6年4月1日", date(2024, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)), ("令和1年5月1日", date(2019, 5, 1)), ("R6.4.1", date(2024, 4, 1)),
        ("r6/4/1", date(2024, 4, 1)), ("H31.4.30", date(2019, 4, 30)), ("S45.3.2", date(1970, 3, 2)),
        ("昭和６４年１月７日", date(1989, 1, 7)), ("㍻元年1月8日", date(1989, 1, 8)), ("4310430", date(2019, 4, 30)),
        ("3450302", date(1970, 3, 2)), (" 平成 31年 5月 1日 ", date(2019, 5, 1)), ("Ｒ８．１１．３０", date(2026, 11, 30)),
    ])
    func parses(text: String, expected: LocalDate) throws {
        #expect(try DateParser.parse(text) == expected)
    }

    @Test("refuses impossible dates and era overruns", arguments: [
        ("令和元年4月30日", "is before 令和 began (2019-05-01)"), ("昭和64年1月8日", "is after 昭和 ended (1989-01-07)"),
        ("令和8年13月1日", "is not a calendar date"), ("2023-02-29", "is not a calendar date"),
        ("X6.4.1", "has an unknown era 'X'; expected 明治, 大正, 昭和, 平成 or 令和 (or M, T, S, H, R)"),
        ("2024-04", "is not a date; it needs a year, a month and a day"),
    ])
    func refuses(text: String, reason: String) {
        #expect(throws: DateParser.Failure.self) { try DateParser.parse(text) }
        do { _ = try DateParser.parse(text) } catch { #expect(error.description == reason) }
    }

    @Test("days since epoch round-trip and weekdays are right")
    func arithmetic() {
        for days in stride(from: -40_000, through: 40_000, by: 37) {
            let date = LocalDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
        }
        #expect(Self.date(2026, 11, 21).weekday == 6)
        #expect(Self.date(2019, 5, 1).weekday == 3)
    }
}
