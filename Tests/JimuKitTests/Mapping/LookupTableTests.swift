import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// Joins by key: one row per key, width-folded keys, keys several rows share named with their lines.
@Suite struct LookupTableTests {
    static func table(_ text: String) throws -> LookupTable {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("payees.csv")
        Fixtures.write(Array(text.utf8), to: url)
        var source = try CSVRecordSource(files: [url], options: CSVInputOptions()) { _ in "payees.csv" }
        return try LookupTable(name: "payees", keyColumn: "code", source: &source)
    }

    @Test("a key finds its row (width folded and trimmed); a key of two rows is refused with both lines; a missing one is named")
    func rows() throws {
        let table = try Self.table("code,name\nP1,甲\nP2,乙\nP1,丙\nP3,丁\n,全員\n")
        #expect(try table.row(for: "Ｐ２ ").get() == 1)
        #expect(try table.row(for: "P3").get() == 3)
        #expect(throws: Rejection.self) { try table.row(for: "P1").get() }
        if case .failure(let rejection) = table.row(for: "P1") {
            #expect(rejection.message == "2 rows in 'payees' have code 'P1' (payees.csv:2, payees.csv:4); keys must be unique")
        }
        if case .failure(let rejection) = table.row(for: "P9") {
            #expect(rejection.message == "no row in 'payees' has code 'P9'; add it to the master or correct the record")
        }
        #expect(try table.rows(for: "P1").get() == [0, 2, 4])
        #expect(try table.rows(for: "P2").get() == [1, 4])
        #expect(try table.rows(for: "P9").get() == [4])
    }
}
