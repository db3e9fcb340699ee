import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

@Suite struct JapaneseHolidaysTests {
    /// Date → name from the Cabinet Office's list.
    static let published: [LocalDate: String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/syukujitsu.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        var days: [LocalDate: String] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",")
            let parts = cells[0].split(separator: "/").compactMap { Int($0) }
            days[LocalDate(year: parts[0], month: parts[1], day: parts[2])!] = String(cells[1])
        }
        return days
    }()

    @Test("every holiday and 休日 of the Cabinet Office's list, 1955–2027, by date and name, and no other day")
    func matchesCabinetOffice() {
        let years = Set(Self.published.keys.map(\.year))
        #expect(years.min() == 1955 && years.max() == 2027)
        var computed: [LocalDate: String] = [:]
        for year in years { computed.merge(JapaneseHolidays.holidays(in: year)) { $1 } }
        let missing = Self.published.filter { computed[$0.key] != $0.value }.sorted { $0.key < $1.key }
        let extra = computed.filter { Self.published[$0.key] == nil }.sorted { $0.key < $1.key }
        #expect(missing.isEmpty, "missing or misnamed: \(missing.prefix(10).map { "\($0.key) \($0.value) (got \(computed[$0.key] ?? "none"))" })")
        #expect(extra.isEmpty, "not in the list: \(extra.prefix(10).map { "\($0.key) \($0.value)" })")
        #expect(computed.count == 1_067)
    }

    @Test("2028–2030 follow the same rules: Happy Mondays, equinoxes, 振替休日")
    func beyondTheList() {
        let date = { (y: Int, m: Int, d: Int) in LocalDate(year: y, month: m, day: d)! }
        #expect(JapaneseHolidays.name(of: date(2028, 1, 10)) == "成人の日")
        #expect(JapaneseHolidays.name(of: date(2029, 2, 12)) == "休日")
        #expect(JapaneseHolidays.name(of: date(2030, 5, 6)) == "休日")
        #expect(JapaneseHolidays.name(of: date(2030, 9, 16)) == "敬老の日")
        #expect((2028...2030).allSatisfy { JapaneseHolidays.holidays(in: $0).count >= 16 })
    }
}

@Suite struct BusinessCalendarTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    @Test("weekends, holidays, 振替休日 and the year-end closure are not business days")
    func businessDays() {
        let office = BusinessCalendar.office
        #expect(office.isBusinessDay(Self.date(2026, 11, 20)))
        #expect(!office.isBusinessDay(Self.date(2026, 11, 21)))
        #expect(!office.isBusinessDay(Self.date(2026, 11, 23)))
        #expect(!office.isBusinessDay(Self.date(2024, 2, 12)))
        #expect(!office.isBusinessDay(Self.date(2026, 12, 29)) && BusinessCalendar.bank.isBusinessDay(Self.date(2026, 12, 29)))
        #expect(BusinessCalendar.bank.isBusinessDay(Self.date(2027, 1, 4)))
        #expect(!office.isBusinessDay(Self.date(2019, 5, 1)) && !office.isBusinessDay(Self.date(2019, 4, 30)))
    }

    @Test("reply deadlines skip Golden Week, the Olympic moves and the year end", arguments: [
        (date(2019, 4, 26), 5, date(2019, 5, 13)),
        (date(2021, 7, 20), 3, date(2021, 7, 27)),
        (date(2026, 12, 25), 3, date(2027, 1, 5)),
        (date(2026, 11, 20), 10, date(2026, 12, 7)),
    ])
    func deadlines(start: LocalDate, days: Int, expected: LocalDate) {
        #expect(BusinessCalendar.office.adding(businessDays: days, to: start) == expected)
    }

    @Test("a payment date on a closed day moves to the next or previous business day")
    func adjustment() {
        let bank = BusinessCalendar.bank
        #expect(bank.adjust(Self.date(2026, 11, 21), .next) == Self.date(2026, 11, 24))
        #expect(bank.adjust(Self.date(2026, 11, 21), .previous) == Self.date(2026, 11, 20))
        #expect(bank.adjust(Self.date(2026, 12, 31), .next) == Self.date(2027, 1, 4))
        #expect(bank.adjust(Self.date(2026, 11, 30), .next) == Self.date(2026, 11, 30))
        #expect(BusinessCalendar.office.businessDays(year: 2026, month: 5).first == Self.date(2026, 5, 1))
        #expect(BusinessCalendar.office.businessDays(year: 2026, month: 5).last == Self.date(2026, 5, 29))
    }
}
