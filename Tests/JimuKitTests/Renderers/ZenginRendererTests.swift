import Foundation
@testable import JimuKit
@testable import JimuSpec
import JimuTestSupport
import Testing

/// One 全銀 data record from one record, and the reasons a record cannot be one.
@Suite struct ZenginRendererTests {
    static let schema = RecordSchema(
        names: ["bank", "branch", "type", "account", "name", "amount", "date", "no"],
        types: [.text, .text, .text, .text, .text, .yen, .date, .text], personal: Array(repeating: false, count: 8))

    static func renderer() throws -> ZenginRenderer {
        let job = try TestRuns.load(Fixtures.url("Jobs/payment-list.yaml"), project: Fixtures.shippedProject(output: Fixtures.temporaryDirectory()))
        let spec = ZenginOutput(
            transferDate: "date", bankCode: "bank", branchCode: "branch", accountType: "type", accountNumber: "account",
            accountName: "name", amount: "amount", customerCode: "no")
        let output = OutputSpec(to: try TextTemplate(parsing: "t.txt"), options: .zengin(spec), keyPath: KeyPath())
        let project = Fixtures.shippedProject(output: Fixtures.temporaryDirectory())
        return try ZenginRenderer(output: output, context: RenderContext(schema: schema, run: [:], root: project.root, job: job, zengin: project.zengin))
    }

    static func record(bank: String = "0001", name: String = "ﾐﾄﾞﾘｼｮｳｼﾞ", amount: Int = 48_400) -> Record {
        Record(
            schema: schema,
            values: [.text(bank), .text("001"), .text("1"), .text("1234567"), .text(name), .integer(amount),
                     .date(LocalDate(year: 2026, month: 11, day: 30)!), .text("000042")],
            location: RecordLocation(file: "t", line: 1, index: 1))
    }

    @Test("a data record is 120 bytes: bank, branch, type, account, kana name, amount, 顧客コード1")
    func dataRecord() throws {
        var renderer = try Self.renderer()
        let bytes = try renderer.render(Self.record()).bytes
        let line = Array(bytes.prefix(120))
        #expect(line.count == 120)
        #expect(String(decoding: line[0..<5], as: UTF8.self) == "20001")
        #expect(String(decoding: line[20..<23], as: UTF8.self) == "001")
        #expect(String(decoding: line[80..<90], as: UTF8.self) == "0000048400")
        #expect(String(decoding: line[91..<101], as: UTF8.self).hasPrefix("000042"))
    }

    @Test("a record that cannot be a transfer is refused with the reason", arguments: [
        (record(bank: "12"), "bank code '12' is not 4 digits"),
        (record(amount: 0), "the transfer amount must be a positive number of yen"),
    ])
    func refused(record: Record, reason: String) throws {
        var renderer = try Self.renderer()
        #expect(throws: RenderError.self) { try renderer.render(record) }
        do { _ = try renderer.render(record) } catch { #expect(error.message == reason) }
    }
}
