import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// `jimu check` looks into the files a job references.
@Suite struct JobCheckerTests {
    @Test("missing files, empty globs, bad XPath, missing layout and template, unknown columns: all reported at once")
    func references() throws {
        let root = Fixtures.temporaryDirectory()
        Fixtures.write("コード,名称\r\nA,x\r\n", to: root.appendingPathComponent("master.csv"))
        Fixtures.write("""
            version: 1
            job: broken
            inputs:
              list: { csv: missing.csv }
              master: { csv: master.csv, key: コード }
              invoices: { xml: "inbox/*.xml", record: "/inv:Invoice[", fields: { id: "cbc:ID" } }
              big: { xml: "inbox/big.xml", record: "//Row", fields: { id: "Id" }, stream: true }
            records:
              from: list
              key: "{{x}}"
            outputs:
              - { format: csv, to: a.csv, layout: layouts/none.yaml }
              - { format: html, to: b.html, template: templates/none.mustache }
            """, to: root.appendingPathComponent("job.yaml"))
        let diagnostics = JobChecker(project: ProjectConfig(root: root)).check(root.appendingPathComponent("job.yaml"))
        let lines = diagnostics.map { "\($0.location.map { "\($0.line ?? 0):\($0.column ?? 0)" } ?? "-") \($0.severity) \($0.keyPath): \($0.message)" }
        #expect(lines == [
            "4:9 error inputs.list: input 'list' does not exist",
            "6:13 warning inputs.invoices: 'inbox/*.xml' matches no file yet",
            "6:43 error inputs.invoices.record: '/inv:Invoice[' is not a valid XPath",
            "7:8 error inputs.big: input 'big' does not exist",
            "7:40 error inputs.big.record: a streamed record must be a simple path like '/a:Export/a:Row'",
            "12:39 error outputs[0].layout: cannot read layout file 'layouts/none.yaml'",
            "13:43 error outputs[1].template: cannot read template 'templates/none.mustache'",
        ])
    }

    @Test("when the layout is fine, templates and header columns are checked too")
    func templatesAndColumns() throws {
        let root = Fixtures.temporaryDirectory()
        Fixtures.write("コード,名称\r\nA,x\r\n", to: root.appendingPathComponent("list.csv"))
        Fixtures.write("""
            version: 1
            job: broken
            inputs:
              list: { csv: list.csv }
            records:
              from: list
              validate:
                名前: [required]
              key: "{{コード}}-{{番号}}"
            outputs:
              - { format: html, to: b.html, template: templates/none.mustache }
            """, to: root.appendingPathComponent("job.yaml"))
        let diagnostics = JobChecker(project: ProjectConfig(root: root)).check(root.appendingPathComponent("job.yaml"))
        #expect(diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") } == [
            "job.yaml:8:9: error: records.validate.名前: validation of unknown field '名前' (did you mean '名称'?)",
            "job.yaml:9:8: error: records.key: template '{{コード}}-{{番号}}' uses unknown field '番号'",
            "job.yaml:11:43: error: outputs[0].template: cannot read template 'templates/none.mustache' (check the path and that it is UTF-8)",
        ])
    }
}
