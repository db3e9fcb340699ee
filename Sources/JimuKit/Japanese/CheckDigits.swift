/// The check digits of Japanese public identifiers (see docs/domain.md §4).
enum CheckDigits {
    /// 法人番号: 13 digits, check digit first: 9 − (Σ Pn×Qn mod 9), Qn = 1 for odd n, 2 for even n,
    /// n counted from the right of the last 12 digits.
    static func isValidCorporateNumber(_ text: String) -> Bool {
        isValidCorporateNumber(text.utf8[...])
    }

    private static func isValidCorporateNumber(_ utf8: Substring.UTF8View) -> Bool {
        guard isDigits(utf8, count: 13...13) else { return false }
        var sum = 0
        for (offset, digit) in utf8.dropFirst().reversed().enumerated() {
            sum += Int(digit - 0x30) * (offset % 2 == 0 ? 1 : 2)
        }
        return Int(utf8.first! - 0x30) == 9 - sum % 9
    }

    /// 適格請求書発行事業者登録番号: `T` and 13 digits passing the 法人番号 check.
    static func isValidInvoiceRegistrationNumber(_ text: String) -> Bool {
        guard text.utf8.first == 0x54 else { return false }  // 'T' (a lower-case 't' is not the published form)
        return isValidCorporateNumber(text.utf8.dropFirst())
    }

    /// 個人番号: 12 digits, check digit last: r = Σ Pn×Qn mod 11 (Qn = n+1 for n ≤ 6, n−5 after);
    /// check = 0 when r ≤ 1, else 11 − r.
    static func isValidMyNumber(_ text: String) -> Bool {
        guard let digits = digits(text, count: 12) else { return false }
        let sum = digits.dropLast().reversed().enumerated().reduce(0) { total, item in
            let n = item.offset + 1
            return total + item.element * (n <= 6 ? n + 1 : n - 5)
        }
        let remainder = sum % 11
        return digits[11] == (remainder <= 1 ? 0 : 11 - remainder)
    }

    /// 全国地方公共団体コード (JIS X 0402): 6 digits, check = (11 − (Σ dᵢ×(6,5,4,3,2) mod 11)) mod 10.
    static func isValidLocalGovernmentCode(_ text: String) -> Bool {
        guard let digits = digits(text, count: 6) else { return false }
        let sum = zip(digits, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        return digits[5] == (11 - sum % 11) % 10
    }

    /// The digits of a text of exactly `count` ASCII digits.
    static func digits(_ text: String, count: Int) -> [Int]? {
        guard isDigits(text, count: count...count) else { return nil }
        return text.utf8.map { Int($0 - 0x30) }
    }

    /// Whether a text is ASCII digits only, as many as `count` allows.
    static func isDigits(_ text: String, count: ClosedRange<Int>) -> Bool {
        isDigits(text.utf8[...], count: count)
    }

    private static func isDigits(_ utf8: Substring.UTF8View, count: ClosedRange<Int>) -> Bool {
        count.contains(utf8.count) && utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
