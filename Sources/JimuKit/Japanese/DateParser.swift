import Foundation

/// Reads the dates Japanese systems export: ISO, `2024/4/1`, `20240401`, `2024年4月1日`, 和暦
/// `令和6年4月1日`, `令和元年5月1日`, `R6.4.1`, `H31.4.30`, `S45.3.2`, the 7-digit era codes of tax
/// systems (`4310430` = 平成31年4月30日), full-width digits and the ㍻/㋿ ligatures.
enum DateParser {
    /// Why a date could not be read.
    struct Failure: Error, CustomStringConvertible {
        /// A phrase to follow the quoted value, e.g. "is not a calendar date".
        let description: String
    }

    /// Parses a date.
    /// - Throws: `Failure` naming what is wrong.
    static func parse(_ raw: String) throws(Failure) -> LocalDate {
        let text = normalise(raw)
        guard !text.isEmpty else { throw Failure(description: "empty date") }
        let isDigits = text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        if isDigits, text.utf8.count == 8 {
            let value = Int(text)!
            return try gregorian(value / 10000, value / 100 % 100, value % 100, raw)
        }
        if isDigits, text.utf8.count == 7, let era = Era(rawValue: Int(String(text.first!))!) {
            let value = Int(text.dropFirst())!
            return try japanese(era, value / 10000, value / 100 % 100, value % 100, raw)
        }
        var rest = Substring(text)
        let eraText = rest.prefix { !($0.isASCII && $0.isNumber) && $0 != "元" }
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

    /// Full-width folded, era ligatures (㍻, ㋿ …) spelt out, spaces removed.
    static func normalise(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) { return raw }
        var scalars = String.UnicodeScalarView()
        for scalar in JapaneseText.foldWidth(raw).unicodeScalars where scalar != " " && scalar != "\t" {
            switch scalar.value {
            case 0x337E: scalars.append(contentsOf: "明治".unicodeScalars)
            case 0x337D: scalars.append(contentsOf: "大正".unicodeScalars)
            case 0x337C: scalars.append(contentsOf: "昭和".unicodeScalars)
            case 0x337B: scalars.append(contentsOf: "平成".unicodeScalars)
            case 0x32FF: scalars.append(contentsOf: "令和".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Year, month and day from `6年4月1日`, `6.4.1`, `2024/04/01`, `元年5月1日`.
    private static func fields(_ text: Substring, _ raw: String) throws(Failure) -> (Int, Int, Int) {
        var numbers: [Int] = []
        var current: Int?
        var rest = Substring(text).unicodeScalars
        if rest.first == "元" {
            current = 1
            rest = rest.dropFirst()
        }
        for scalar in rest {
            if (0x30...0x39).contains(scalar.value) {
                current = (current ?? 0) * 10 + Int(scalar.value - 0x30)
                if current! > 9999 { break }
            } else if isSeparator(scalar), let value = current {
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

    /// 年, 月, 日, `.`, `/` or `-`.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x5E74, 0x6708, 0x65E5, 0x2E, 0x2F, 0x2D: true
        default: false
        }
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
