import JimuSpec

/// Reads the text of a cell as a typed value, accepting what Japanese exports write.
enum FieldParser {
    /// Why a text is not a value of the type: a phrase such as "is not a whole number".
    struct Reason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// Parses `raw` as `type`.
    /// - Returns: the value, or a sentence saying why it is not one (the caller adds field and value).
    static func parse(_ raw: String, as type: FieldType) -> Result<FieldValue, Reason> {
        let trimmed = JapaneseText.trim(raw)
        if trimmed.isEmpty { return .success(.empty) }
        switch type {
        case .text:
            return .success(.text(trimmed))
        case .digits:
            let folded = JapaneseText.foldWidth(trimmed)
            guard folded.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return .failure(Reason("is not made of digits")) }
            return .success(.text(folded))
        case .integer:
            return number(trimmed, yen: false).map(FieldValue.integer)
        case .yen:
            return number(trimmed, yen: true).map(FieldValue.integer)
        case .fiscalYear:
            guard let year = FiscalYear(parsing: trimmed) else {
                return .failure(Reason("is not a fiscal year (write e.g. 2026, 令和8年度 or R8)"))
            }
            return .success(.integer(year.year))
        case .date:
            do { return .success(.date(try DateParser.parse(trimmed))) } catch { return .failure(Reason(error.description)) }
        }
    }

    /// `1,234`, `１２３４`, `￥1,234`, `1,234円`, `-5`, `△5` / `▲5` (accounting minus signs). Commas
    /// must group the digits in threes (`48,400`): `48,4`, `1,,234` or `1234,` is refused, never
    /// read as another amount.
    private static func number(_ text: String, yen: Bool) -> Result<Int, Reason> {
        var scalars = Substring(JapaneseText.foldWidth(text)).unicodeScalars
        var negative = false
        if let first = scalars.first, first == "-" || first == "△" || first == "▲" {
            negative = true
            scalars = scalars.dropFirst()
        }
        if yen {
            if let first = scalars.first, first == "\u{A5}" || first == "\\" { scalars = scalars.dropFirst() }
            if scalars.last == "円" { scalars = scalars.dropLast() }
        }
        var value = 0
        var digits = 0
        /// Digits since the last comma, and whether there was one.
        var group = 0
        var grouped = false
        for scalar in scalars {
            if scalar == "," {
                guard group > 0, !grouped || group == 3, grouped || group <= 3 else { return .failure(badGrouping(yen)) }
                (group, grouped) = (0, true)
                continue
            }
            guard (0x30...0x39).contains(scalar.value), digits < 18 else { return .failure(notANumber(yen)) }
            value = value * 10 + Int(scalar.value - 0x30)
            digits += 1
            group += 1
        }
        guard digits > 0 else { return .failure(notANumber(yen)) }
        guard !grouped || group == 3 else { return .failure(badGrouping(yen)) }
        return .success(negative ? -value : value)
    }

    private static func badGrouping(_ yen: Bool) -> Reason {
        Reason("has commas that do not group its digits in threes; write e.g. \(yen ? "48,400 or 48400" : "1,234 or 1234")")
    }

    private static func notANumber(_ yen: Bool) -> Reason {
        Reason(yen ? "is not an amount in yen (write e.g. 1234, 1,234 or ￥1,234)" : "is not a whole number")
    }
}
