@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// What a key is issued with.
@Suite struct FingerprintTests {
    @Test("the default fingerprint is the money a job moves; the digest changes with any of it; personal values are masked")
    func defaults() throws {
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: Fixtures.temporaryDirectory()))
        #expect(job.fingerprintFields == ["account_name", "account_no", "account_type", "amount", "bank_code", "branch_code", "due", "encumbrance_no"])
        let schema = RecordSchema(
            names: ["amount", "due", "account_no", "note"], types: [.yen, .date, .digits, .text], personal: [false, false, true, false])
        var spec = job
        spec.records.fingerprint = ["due", "amount", "account_no"]
        let maker = try #require(Fingerprint.Maker(job: spec, schema: schema))
        func record(_ amount: Int, _ account: String, note: String = "") -> Record {
            Record(schema: schema, values: [.integer(amount), .date(LocalDate(year: 2026, month: 11, day: 30)!), .text(account), .text(note)],
                   location: RecordLocation(file: "t", line: 1, index: 1))
        }
        let base = maker.make(record(48_400, "1234567"))
        #expect(base.amount == 48_400)
        #expect(maker.describe(record(48_400, "1234567")) == "account_no ***, amount 48400, due 2026-11-30")
        #expect(maker.make(record(48_400, "1234567", note: "other")) == base, "fields outside the fingerprint do not count")
        #expect(maker.make(record(48_400, "7654321")).digest != base.digest)
        let changed = maker.make(record(42_800, "1234567"))
        #expect(changed.digest != base.digest && changed.amount == 42_800)
        #expect(maker.make(record(48_400, "12345678")).digest != maker.make(record(48_400, "1234567")).digest, "a longer text is another value")
    }
}
