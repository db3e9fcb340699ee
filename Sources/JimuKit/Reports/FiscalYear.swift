/// The April–March fiscal year (会計年度, 地方自治法 第208条).
public struct FiscalYear: Sendable, Hashable, CustomStringConvertible {
    /// The Gregorian year in which it starts.
    public let year: Int

    /// Creates a fiscal year starting in April of `year`.
    public init(_ year: Int) {
        self.year = year
    }

    /// The fiscal year a date falls in.
    public init(containing date: LocalDate) {
        year = date.fiscalYear
    }

    /// Reads `2026`, `FY2026`, `R8`, `令和8年度`, `令和8`, `令和元年度`, `平成31年度` (= 2019).
    /// - Returns: nil when the text is none of these.
    public init?(parsing raw: String) {
        // `2026`, the usual cell, without the width folding and upper-casing below (they cost
        // about 2,900 instructions a record).
        if raw.utf8.count == 4, raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let year = Int(raw) {
            guard (1900...2999).contains(year) else { return nil }
            self.year = year
            return
        }
        var text = DateParser.normalise(raw).uppercased()
        for suffix in ["年度", "年"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        if text.hasPrefix("FY") { text.removeFirst(2) }
        if let year = Int(text), (1900...2999).contains(year) {
            self.year = year
            return
        }
        let eraText = text.prefix { !$0.isNumber && $0 != "元" }
        let number = text.dropFirst(eraText.count)
        guard let era = Era.named(eraText), let count = number == "元" ? 1 : Int(number), count >= 1 else { return nil }
        year = era.start.year + count - 1
    }

    /// April 1.
    public var start: LocalDate { LocalDate(year: year, month: 4, day: 1)! }
    /// March 31 of the next year.
    public var end: LocalDate { LocalDate(year: year + 1, month: 3, day: 31)! }
    /// `令和8年度`.
    public var label: String { Wareki.fiscalYear(year) }
    /// The previous fiscal year.
    public var previous: FiscalYear { FiscalYear(year - 1) }

    /// The 12 months, April first, as (year, month).
    public var months: [(year: Int, month: Int)] {
        (0..<12).map { offset in
            let month = (3 + offset) % 12 + 1
            return (month >= 4 ? year : year + 1, month)
        }
    }

    public var description: String { "\(label)（\(start.iso)～\(end.iso)）" }
}
