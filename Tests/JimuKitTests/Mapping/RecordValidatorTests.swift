@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct RecordValidatorTests {
    static func job(_ validate: String, fields: String) throws -> Job {
        let folder = Fixtures.temporaryDirectory()
        Fixtures.write("a\n", to: folder.appendingPathComponent("in.csv"))
        let url = folder.appendingPathComponent("job.yaml")
        Fixtures.write("""
            version: 1
            job: v
            inputs: { in: { csv: in.csv } }
            records:
              from: in
              fields:
            \(fields)
              validate:
            \(validate)
              key: "{{k}}"
            """, to: url)
        return try TestRuns.load(url, project: ProjectConfig(root: folder))
    }

    static func check(_ values: [FieldValue], job: Job) -> Rejection? {
        let mapper = try! RecordMapper(job: job, columns: job.records.fields!.map(\.column), tables: [:])
        var record = Record(schema: mapper.schema, values: values, location: RecordLocation(file: "in.csv", line: 2, index: 1))
        var validator = RecordValidator(job: job, schema: mapper.schema)
        return validator.check(&record)
    }

    @Test("every failure of a record is reported, with rule, field and value; personal values are masked")
    func failures() throws {
        let job = try Self.job("""
                amount: [required, { min: 1 }, { max: 100 }]
                corp: [corporate_number]
                pin: [my_number]
                bank: [bank_code]
                code: [{ pattern: "[A-Z]{2}[0-9]+" }, { length: { max: 5 } }, { one_of: [AB1, AB12] }]
            """, fields: """
                k: k
                amount: { column: amount, type: yen }
                corp: { column: corp, type: digits }
                pin: { column: pin, type: digits }
                bank: bank
                code: code
            """)
        let rejection = Self.check(
            [.text("1"), .integer(0), .text("7000012050003"), .text("123456789010"), .text("001"), .text("ab123456")], job: job)
        #expect(rejection?.rule == "min")
        #expect(rejection?.message == """
            amount: min: '0' is less than 1; corp: corporate_number: '7000012050003' is not a valid 法人番号 (13 digits, check digit first); \
            pin: my_number: '123456789010' is not a valid 個人番号 (12 digits, check digit last); bank: bank_code: '001' is not a 4-digit 金融機関コード; \
            code: pattern: 'ab123456' does not match '[A-Z]{2}[0-9]+'; code: length: 'ab123456' has 8 characters; expected 0 to 5; \
            code: one_of: 'ab123456' is not one of AB1, AB12
            """)
        #expect(rejection?.maskedMessage.contains("pin: my_number: '***' is not a valid 個人番号") == true)
        #expect(rejection?.maskedMessage.contains("123456789010") == false)
    }

    @Test("valid values pass; empty values fail only 'required'")
    func passes() throws {
        let job = try Self.job("""
                amount: [required, { min: 1 }]
                corp: [corporate_number]
                lg: [local_government_code]
                t: [invoice_registration_number]
            """, fields: """
                k: k
                amount: { column: amount, type: yen }
                corp: corp
                lg: lg
                t: t
            """)
        #expect(Self.check([.text("1"), .integer(5), .text("７００００１２０５０００２"), .text("132217"), .text("T7000012050002")], job: job) == nil)
        #expect(Self.check([.text("1"), .empty, .empty, .empty, .empty], job: job)?.message == "amount: required: a value is required")
    }
}
