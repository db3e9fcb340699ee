import Foundation

/// Reads the dates Japanese systems export: ISO, `2024/4/1`, `20240401`, `2024年4月1日`, 和暦
/// `令和6年4月1日`, `令和元年5月1日`, `R6.4.1`, `H31.4.30`, `S45.3.2`, the 7-digit era codes of tax
/// systems (`4310430` = 平成31年4月30日), full-width digits and the ㍻/㋿ ligatures.
public enum DateParser {
    /// Why a date could not be read.
    public struct Failure: Error, CustomStringConvertible {
        /// A phrase to follow the quoted value, e.g. "is not a calendar date".
        public let description: String
    }

    /// Parses a date.
    /// - Throws: `Failure` naming what is wrong.
    public static func parse(_ raw: String) throws(Failure) -> LocalDate {
        let text = normalise(raw)
        guard !text.isEmpty else { throw Failure(description: "empty date") }
        if text.count == 8, text.allSatisfy(\.isASCIIDigit) {
            let value = Int(text)!
            return try gregorian(value / 10000, value / 100 % 100, value % 100, raw)
        }
        if text.count == 7, text.allSatisfy(\.isASCIIDigit), let era = Era(rawValue: Int(String(text.first!))!) {
            let value = Int(text.dropFirst())!
            return try japanese(era, value / 10000, value / 100 % 100, value % 100, raw)
        }
        var rest = Substring(text)
        let eraText = rest.prefix { !$0.isASCIIDigit && $0 != "元" }
        rest = rest.dropFirst(eraText.count)
        let numbers = try fields(rest, raw)
        if eraText.isEmpty {
            return try gregorian(numbers.0, numbers.1, numbers.2, raw)
        }
        guard let era = Era.named(eraText) else {
            throw Failure(description: "has an unknown era '\(eraText)'; expected 明治, 大正, 昭和, 平成 or 令和 (or M, T, S, H, R)")
        }
        return try japanese(era, numbers.0, numbers.1, numbers.2, raw)
    }

    /// NFKC (full-width digits, ㍻ → 平成), no spaces.
    static func normalise(_ raw: String) -> String {
        let folded = raw.unicodeScalars.allSatisfy(\.isASCII) ? raw : raw.precomposedStringWithCompatibilityMapping
        return folded.filter { !$0.isWhitespace }
    }

    /// Year, month and day from `6年4月1日`, `6.4.1`, `2024/04/01`, `元年5月1日`.
    private static func fields(_ text: Substring, _ raw: String) throws(Failure) -> (Int, Int, Int) {
        var numbers: [Int] = []
        var current: Int?
        var rest = text
        if rest.hasPrefix("元") {
            current = 1
            rest = rest.dropFirst()
        }
        for character in rest {
            if let digit = character.wholeNumberValue, character.isASCIIDigit {
                current = (current ?? 0) * 10 + digit
                if current! > 9999 { break }
            } else if "年月日./-".contains(character), let value = current {
                numbers.append(value)
                current = nil
            } else {
                throw Failure(description: "is not a date; write e.g. 2024-04-01, 令和6年4月1日 or R6.4.1")
            }
        }
        if let current { numbers.append(current) }
        guard numbers.count == 3 else {
            throw Failure(description: "is not a date; it needs a year, a month and a day")
        }
        return (numbers[0], numbers[1], numbers[2])
    }

    private static func gregorian(_ year: Int, _ month: Int, _ day: Int, _ raw: String) throws(Failure) -> LocalDate {
        guard year >= 1000, let date = LocalDate(year: year, month: month, day: day) else {
            throw Failure(description: "is not a calendar date")
        }
        return date
    }

    private static func japanese(_ era: Era, _ year: Int, _ month: Int, _ day: Int, _ raw: String) throws(Failure) -> LocalDate {
        guard year >= 1, let date = LocalDate(year: era.start.year + year - 1, month: month, day: day) else {
            throw Failure(description: "is not a calendar date")
        }
        guard date >= era.start else {
            throw Failure(description: "is before \(era.name) began (\(era.start.iso))")
        }
        // 平成31年5月以降: documents printed before the era change stay valid (政府の改元対応), so
        // 平成31年 dates after 4/30 are read as the same calendar day.
        if let end = era.end, date > end, !(era == .heisei && year == 31) {
            throw Failure(description: "is after \(era.name) ended (\(end.iso))")
        }
        return date
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
