import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// Document numbers and balances, on their own against a ledger.
@Suite struct IssueRulesTests {
    static let yaml = """
        version: 1
        job: rules
        inputs:
          list: { csv: list.csv }
        records:
          from: list
          fields:
            id: id
            year: { column: year, type: fiscal_year }
            account: account
            limit: { column: limit, type: yen }
            amount: { column: amount, type: yen }
          key: "{{id}}"
          number: { field: no, sequence: 番号, fiscal_year: year, digits: 4 }
          balance: { name: 負担行為, account: account, limit: limit, amount: amount }
        outputs:
          - { format: csv, to: out.csv, columns: [{ name: no, value: "{{no}}" }] }
        """

    static func record(_ schema: RecordSchema, _ id: String, year: Int, amount: Int) -> Record {
        var values: [FieldValue] = [.text(id), .integer(year), .text("K1"), .integer(1_000), .integer(amount)]
        values += repeatElement(.empty, count: schema.names.count - values.count)
        var record = Record(schema: schema, values: values, location: RecordLocation(file: "list.csv", line: 1, index: 1))
        record.key = id
        return record
    }

    @Test("numbers count per fiscal year from the ledger's last; a rejected record consumes no number or balance")
    func numbersAndBalance() throws {
        let (job, _) = try TestRuns.job(Self.yaml, files: ["list.csv": "id,year,account,limit,amount\n"])
        let schema = RecordSchema(
            names: ["id", "year", "account", "limit", "amount", "no"], types: [.text, .fiscalYear, .text, .yen, .yen, .text],
            personal: Array(repeating: false, count: 6))
        let ledger = try SQLiteLedger()
        try ledger.transaction(commit: false) { tx in
            let run = try tx.startRun(SQLiteLedgerTests.start)
            try tx.saveLastNumber(sequence: "番号", fiscalYear: 2026, value: 41)
            var rules = try #require(IssueRules(job: job, schema: schema, runDate: LocalDate(year: 2026, month: 11, day: 21)!))
            var numbers: [String] = []
            for (id, year, amount) in [("a", 2026, 600), ("b", 2026, 500), ("c", 2025, 300), ("d", 2026, 100)] {
                var record = Self.record(schema, id, year: year, amount: amount)
                if let rejection = try rules.apply(to: &record, ledger: tx) {
                    numbers.append(rejection.rule)
                    continue
                }
                rules.commit(record)
                numbers.append(record.values[5].text)
            }
            // b exceeds what a left of the ￥1,000; c is the first of 2025; d follows a in 2026.
            #expect(numbers == ["0042", "balance", "0001", "0043"])
            try rules.save(run: run, ledger: tx)
            #expect(try tx.lastNumber(sequence: "番号", fiscalYear: 2026) == 43)
            #expect(try tx.lastNumber(sequence: "番号", fiscalYear: 2025) == 1)
        }
    }
}
