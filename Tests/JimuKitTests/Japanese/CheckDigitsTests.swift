@testable import JimuKit
import Testing

/// Published and computed examples from docs/domain.md §4.
@Suite struct CheckDigitsTests {
    @Test("法人番号: published numbers pass", arguments: [
        "7000012050002", "8000020130001", "4011001098993", "2120901007402", "7123456789012", "3000020132217",
    ])
    func corporateValid(number: String) {
        #expect(CheckDigits.isValidCorporateNumber(number))
    }

    @Test("法人番号: a changed digit, wrong length or letters fail", arguments: [
        "7000012050003", "1000012050002", "700001205000", "70000120500021", "700001205000A", "",
    ])
    func corporateInvalid(number: String) {
        #expect(!CheckDigits.isValidCorporateNumber(number))
    }

    @Test("登録番号: T + 法人番号; the JP PINT placeholders fail the check")
    func invoiceRegistration() {
        #expect(CheckDigits.isValidInvoiceRegistrationNumber("T7000012050002"))
        #expect(!CheckDigits.isValidInvoiceRegistrationNumber("7000012050002"))
        #expect(!CheckDigits.isValidInvoiceRegistrationNumber("t7000012050002"), "the published form has an upper-case T")
        for placeholder in ["T1234567890123", "T3210987654321", "T7654321098765"] {
            #expect(!CheckDigits.isValidInvoiceRegistrationNumber(placeholder))
        }
    }

    @Test("マイナンバー: the well-known dummy passes, its neighbour fails")
    func myNumber() {
        #expect(CheckDigits.isValidMyNumber("123456789018"))
        #expect(!CheckDigits.isValidMyNumber("123456789010"))
        #expect(!CheckDigits.isValidMyNumber("12345678901"))
    }

    @Test("団体コード: published codes incl. remainder 0 and 1 cases", arguments: [
        "131016", "132217", "130001", "010006", "011002", "141003", "271004", "082201", "122220", "131041",
        "132021", "281000", "131130",
    ])
    func localGovernment(code: String) {
        #expect(CheckDigits.isValidLocalGovernmentCode(code))
    }

    @Test("団体コード: a wrong check digit fails")
    func localGovernmentInvalid() {
        #expect(!CheckDigits.isValidLocalGovernmentCode("131017"))
        #expect(!CheckDigits.isValidLocalGovernmentCode("13101"))
    }
}
