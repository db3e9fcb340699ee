import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// Document numbers, balances and payment dates, on their own against a ledger.
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
            // In the 出納整理期間 of 2025, when both years are open.
            let runDate = LocalDate(year: 2026, month: 5, day: 20)!
            var rules = try #require(IssueRules(job: job, schema: schema, runDate: runDate, project: ProjectConfig(root: URL(fileURLWithPath: "/"))))
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

    @Test(
        "an order's fiscal year must be open on its order date, and its 振込指定日 a bank business day within the lead, the horizon and 出納閉鎖",
        arguments: [
            // (order date, fiscal year, transfer date, the rule that fails or nil)
            ("2026-11-21", 2026, "2026-11-30", nil),
            ("2026-11-21", 2025, "2026-11-30", "fiscal_year"),  // closed on 2026-05-31
            ("2026-05-29", 2025, "2026-05-29", "payment_date"),  // too soon: 1 bank business day ahead at least
            ("2026-05-27", 2025, "2026-05-29", nil),  // 出納整理期間: the old year still pays
            ("2026-05-27", 2025, "2026-06-01", "payment_date"),  // past the year's 出納閉鎖
            ("2026-03-20", 2026, "2026-04-01", "fiscal_year"),  // not open yet
            ("2026-11-21", 2026, "2026-11-20", "payment_date"),  // before the order date
            ("2026-11-21", 2026, "2026-11-24", nil),  // 11/23 is a holiday: 11/24 is one bank business day ahead
            ("2026-11-20", 2026, "2026-11-20", "payment_date"),  // the same day: too soon
            ("2026-11-21", 2026, "2026-11-28", "payment_date"),  // a Saturday
            ("2026-11-21", 2026, "2027-01-20", nil),  // 60 days ahead at most
            ("2026-11-21", 2026, "2027-01-21", "payment_date"),
            ("2026-12-25", 2026, "2026-12-31", "payment_date"),  // banks close 12/31–1/3
        ])
    func paymentDates(order: String, year: Int, transfer: String, failing: String?) throws {
        let yaml = Self.yaml
            .replacingOccurrences(of: "    amount: { column: amount, type: yen }\n", with: "    amount: { column: amount, type: yen }\n    due: { column: due, type: date }\n")
            .replacingOccurrences(of: "  - { format: csv", with: """
                  - { format: zengin, to: out.txt, transfer_date: due, bank_code: id, branch_code: id, account_type: id,
                      account_number: id, account_name: id, amount: amount }
                  - { format: csv
                """)
        let (job, _) = try TestRuns.job(yaml, files: ["list.csv": "id,year,account,limit,amount,due\n"])
        let schema = RecordSchema(
            names: ["id", "year", "account", "limit", "amount", "due", "no"], types: [.text, .fiscalYear, .text, .yen, .yen, .date, .text],
            personal: Array(repeating: false, count: 7))
        let date = { (text: String) in try! DateParser.parse(text) }
        let ledger = try SQLiteLedger()
        try ledger.transaction(commit: false) { tx in
            _ = try tx.startRun(SQLiteLedgerTests.start)
            var rules = try #require(IssueRules(job: job, schema: schema, runDate: date(order), project: ProjectConfig(root: URL(fileURLWithPath: "/"))))
            var record = Self.record(schema, "a", year: year, amount: 100)
            record.values[5] = .date(date(transfer))
            #expect(try rules.apply(to: &record, ledger: tx)?.rule == failing)
        }
    }
}
