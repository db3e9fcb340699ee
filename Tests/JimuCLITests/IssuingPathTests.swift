import Foundation
import JimuTestSupport
import Testing

/// One issuing path for every job: read → map → validate → key → claim → issue rules → render →
/// write, one set of run values, one name check over every template.
@Suite struct IssuingPathTests {
    /// A project with one small job: `numbered` gives each record a document number.
    private static func project(numbered: Bool, fields: String? = nil, columns: String? = nil) throws -> URL {
        let folder = Fixtures.temporaryDirectory("jimu-path")
        Fixtures.write("version: 1\nledger: ledger.sqlite\noutput_root: out\n", to: folder.appendingPathComponent("jimu.yaml"))
        Fixtures.write("""
            version: 1
            job: letters
            inputs:
              list: { csv: list.csv }
            records:
              from: list
            \(fields ?? """
                  fields:
                    id: ID
                    name: 名前
                    stamp: { value: "{{job}}/{{run_id}}/{{run_date}}/{{run_time}}/{{fiscal_year}}/{{input}}" }
                """)
              key: "{{id}}"
            \(numbered ? "  number: { field: no, sequence: 文書番号, digits: 3 }" : "")
            outputs:
              - format: csv
                to: "letters-{{run_id}}.csv"
                encoding: cp932
                columns:
            \(columns ?? """
                      - { name: 番号, value: "{{id}}" }
                      - { name: 名前, value: "{{name}}" }
                      - { name: 印, value: "{{stamp}}" }
                """)
            """, to: folder.appendingPathComponent("letters.yaml"))
        return folder
    }

    private static func run(_ project: URL, list: String) throws -> (status: Int32, counts: [Int], summary: [String: Any]) {
        Fixtures.write("ID,名前\n" + list, to: project.appendingPathComponent("list.csv"))
        let result = try CLI.run(["run", "letters.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let counts = ["input", "issued", "rejected", "skipped"].map { summary[$0] as? Int ?? -1 }
        return (result.status, counts, summary)
    }

    @Test("an issued record that can no longer be rendered is skipped, numbered or not; a new one is rejected", arguments: [false, true])
    func skippedBeforeRendered(numbered: Bool) throws {
        let project = try Self.project(numbered: numbered)
        let first = try Self.run(project, list: "A1,吉田\n")
        #expect(first.status == 0 && first.counts == [1, 1, 0, 0])
        // The same key again, now with a name CP932 cannot hold, and a new key with it.
        let second = try Self.run(project, list: "A1,𠮷田\nA2,𠮷田\n")
        #expect(second.status == 65)
        #expect(second.counts == [2, 0, 1, 1])
        let rejects = try String(contentsOf: project.appendingPathComponent("out/letters/2026-11-21/rejects-run2-list.csv"), encoding: .utf8)
        #expect(rejects.contains("A2,𠮷田") && rejects.contains("cannot be written in CP932"))
        #expect(!rejects.contains("A1,"))
    }

    @Test("computed fields see the same run values as outputs")
    func runValuesInComputedFields() throws {
        let project = try Self.project(numbered: false)
        let result = try Self.run(project, list: "A1,吉田\n")
        #expect(result.status == 0)
        let csv = try CP932Lines.read(project.appendingPathComponent("out/letters-1.csv"))
        #expect(csv.count == 2)
        #expect(csv.last?.hasPrefix("A1,吉田,letters/1/2026-11-21/") == true)
        #expect(csv.last?.hasSuffix("/2026/list") == true)
        let time = csv.last?.split(separator: "/")[3] ?? ""
        #expect(time.count == 6 && time.allSatisfy(\.isNumber))
    }

    @Test("check names a template's name that does not exist yet where it is rendered")
    func namesByStage() throws {
        let project = try Self.project(numbered: true, fields: """
              fields:
                id: ID
                early: { value: "{{name}}-{{key}}-{{no}}" }
                name: 名前
            """, columns: """
                  - { name: 番号, value: "{{no}}" }
            """)
        var job = try String(contentsOf: project.appendingPathComponent("letters.yaml"), encoding: .utf8)
        job = job.replacingOccurrences(of: "key: \"{{id}}\"", with: "key: \"{{id}}-{{run_id}}-{{no}}\"")
        try job.write(to: project.appendingPathComponent("letters.yaml"), atomically: true, encoding: .utf8)
        Fixtures.write("ID,名前\n", to: project.appendingPathComponent("list.csv"))
        let result = try CLI.run(["check", "letters.yaml"], in: project)
        #expect(result.status == 78)
        #expect(result.stderr == """
            letters.yaml:9:21: error: records.fields.early.value: template '{{name}}-{{key}}-{{no}}' uses field 'name', which is formed after 'early' (declare 'name' above 'early' in records.fields)
            letters.yaml:9:21: error: records.fields.early.value: template '{{name}}-{{key}}-{{no}}' uses the record key, which is formed after the fields (use it in outputs)
            letters.yaml:9:21: error: records.fields.early.value: template '{{name}}-{{key}}-{{no}}' uses 'no', which is filled in after the fields are formed (use it in outputs)
            letters.yaml:11:8: error: records.key: template '{{id}}-{{run_id}}-{{no}}' uses run value 'run_id', which changes every run: records would never be skipped as already issued (key records by their own fields, such as an invoice number or a payee code)
            letters.yaml:11:8: error: records.key: template '{{id}}-{{run_id}}-{{no}}' uses 'no', the document number, which is given after the key is claimed (key records by their own fields)
            validation failed for letters.yaml (5 errors)

            """)
    }

    @Test("a job without fields: every template is checked against the input's header, with did-you-mean")
    func namesWithoutFields() throws {
        let project = try Self.project(numbered: false, fields: "", columns: """
                  - { name: 番号, value: "{{ID}}" }
                  - { name: 名前, value: "{{名}}" }
                  - { name: 無, value: "{{no_such_column}}" }
            """)
        Fixtures.write("ID,名前\n", to: project.appendingPathComponent("list.csv"))
        let result = try CLI.run(["check", "letters.yaml"], in: project)
        #expect(result.status == 78)
        #expect(result.stderr == """
            letters.yaml:8:8: error: records.key: template '{{id}}' uses unknown field 'id' (did you mean 'ID'?)
            letters.yaml:16:28: error: outputs[0].columns[1].value: template '{{名}}' uses unknown field '名' (did you mean '名前'?)
            letters.yaml:17:27: error: outputs[0].columns[2].value: template '{{no_such_column}}' uses unknown field 'no_such_column'
            validation failed for letters.yaml (3 errors)

            """)
    }
}
