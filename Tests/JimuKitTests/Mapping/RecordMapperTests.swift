import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// The mapper on its own: joins, types, computed fields over the run values, unknown columns.
@Suite struct RecordMapperTests {
    static let yaml = """
        version: 1
        job: mapper
        inputs:
          list: { csv: list.csv }
          payees: { csv: payees.csv, key: コード }
        records:
          from: list
          join:
            - { input: payees, on: payee }
          fields:
            payee: payee
            amount: { column: 金額, type: yen }
            name: payees.名称
            label: { value: "{{name}} {{yen(amount)}} {{run_date}} #{{run_id}}" }
          key: "{{payee}}"
        outputs:
          - { format: csv, to: out.csv, columns: [{ name: a, value: "{{label}}" }] }
        """
    static let files = ["list.csv": "payee,金額\nP1,\"1,200\"\nP9,5\nP2,12a\n", "payees.csv": "コード,名称\nP1,みどり商事\nP2,あおば\n"]

    static func mapper(columns: [String]? = nil) throws -> (RecordMapper, [SourceRecord]) {
        let (job, project) = try TestRuns.job(yaml, files: files)
        let opener = InputOpener(project: project)
        let table = try opener.table(job.input(named: "payees")!)
        var source = try opener.open(job.input(named: "list")!)
        var records: [SourceRecord] = []
        while let record = try source.next() { records.append(record) }
        let run = RunValues(job: job, runID: 7, date: LocalDate(year: 2026, month: 11, day: 21)!, timestamp: "", organisation: "")
        return (try RecordMapper(job: job, columns: columns ?? source.columns, tables: ["payees": table], run: run), records)
    }

    @Test("joins the lookup row, types the fields and computes fields over the run values")
    func maps() throws {
        var (mapper, records) = try Self.mapper()
        let record = try mapper.map(records[0]).get().record
        #expect(record.values.map(\.text) == ["P1", "1200", "みどり商事", "みどり商事 ￥1,200 2026-11-21 #7"])
        #expect(record.joinedRows == [0])
    }

    @Test("a missing lookup row rejects the record; an unreadable field is named with its value")
    func failures() throws {
        var (mapper, records) = try Self.mapper()
        guard case .failure(let missing) = mapper.map(records[1]) else { Issue.record("P9 was joined"); return }
        #expect(missing.message.contains("P9"))
        let mapped = try mapper.map(records[2]).get()
        #expect(mapped.problems?.message == "amount: '12a' is not an amount in yen (write e.g. 1234, 1,234 or ￥1,234)")
        #expect(mapped.unreadable == [1])
    }

    @Test("an unknown column is a configuration error at its place in the job, with did-you-mean")
    func unknownColumn() throws {
        #expect(throws: ConfigurationError.self) { try Self.mapper(columns: ["payee", "金 額"]) }
        do { _ = try Self.mapper(columns: ["payee", "金 額"]) } catch let error as ConfigurationError {
            #expect(error.diagnostics.map(\.message) == ["input 'list' has no column '金額'"])
            #expect(error.diagnostics.first?.hint == "did you mean '金 額'?")
        }
    }
}
