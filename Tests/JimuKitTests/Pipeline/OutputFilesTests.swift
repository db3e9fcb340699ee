import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

/// The output files of a run: one per path, volumes once full, every file checked before any is written.
@Suite struct OutputFilesTests {
    static func files(maxRecords: String = "") throws -> (OutputFiles, RecordSchema, OutputWriter, URL) {
        let (job, project) = try TestRuns.job("""
            version: 1
            job: files
            inputs:
              list: { csv: list.csv }
            records:
              from: list
              fields: { id: id, town: town }
              key: "{{id}}"
            outputs:
              - { format: csv, to: "{{town}}.csv", columns: [{ name: id, value: "{{id}}" }]\(maxRecords) }
            """, files: ["list.csv": "id,town\n"])
        let schema = RecordSchema(names: ["id", "town"], types: [.text, .text], personal: [false, false])
        let outputs = try Outputs(job: job, context: RenderContext(schema: schema, run: [:], root: project.root, job: job))
        let folder = Fixtures.temporaryDirectory("jimu-files")
        return (OutputFiles(outputs), schema, OutputWriter(root: folder, tag: "t", dryRun: false), folder)
    }

    static func add(_ files: inout OutputFiles, _ schema: RecordSchema, _ writer: OutputWriter, _ id: String, town: String) throws {
        let record = Record(schema: schema, values: [.text(id), .text(town)], location: RecordLocation(file: "list.csv", line: 1, index: 1))
        let rendered = try files.render(record, ahead: nil)
        try files.add(record, rendered: rendered, to: writer)
    }

    @Test("records go to the file of their path, each file with its header once")
    func filesByPath() throws {
        var (files, schema, writer, _) = try Self.files()
        for (id, town) in [("1", "北"), ("2", "南"), ("3", "北")] { try Self.add(&files, schema, writer, id, town: town) }
        try files.finish(to: writer)
        #expect(files.summary(of: "北.csv")?.records == 2)
        #expect(files.summary(of: "南.csv")?.records == 1)
        let prepared = try writer.prepare()
        let north = try #require(prepared.first { $0.path == "北.csv" })
        #expect(try String(contentsOf: north.temporary, encoding: .utf8) == "id\r\n1\r\n3\r\n")
    }

    @Test("max_records: a full file is finished at once and the next records start NAME-2")
    func volumes() throws {
        var (files, schema, writer, _) = try Self.files(maxRecords: ", max_records: 2")
        for id in ["1", "2", "3", "4", "5"] { try Self.add(&files, schema, writer, id, town: "北") }
        try files.finish(to: writer)
        #expect([files.summary(of: "北.csv")?.records, files.summary(of: "北-2.csv")?.records, files.summary(of: "北-3.csv")?.records] == [2, 2, 1])
        #expect(OutputFiles.volume(2, of: "a/b.c.pdf") == "a/b.c-2.pdf")
        #expect(OutputFiles.volume(3, of: "a/.hidden") == "a/.hidden-3")
    }

    @Test("paths taking turns: each goes on in its own latest volume, in order")
    func volumesTakingTurns() throws {
        var (files, schema, writer, _) = try Self.files(maxRecords: ", max_records: 2")
        for id in 1...7 { try Self.add(&files, schema, writer, String(id), town: id % 3 == 0 ? "南" : "北") }
        try files.finish(to: writer)
        let counts = ["北.csv", "北-2.csv", "北-3.csv", "南.csv", "南-2.csv"].map { files.summary(of: $0)?.records }
        #expect(counts == [2, 2, 1, 2, nil])
        let prepared = try writer.prepare()
        let contents = try ["北.csv", "北-2.csv", "北-3.csv", "南.csv"].map { path in
            try String(contentsOf: try #require(prepared.first { $0.path == path }).temporary, encoding: .utf8)
        }
        #expect(contents == ["id\r\n1\r\n2\r\n", "id\r\n4\r\n5\r\n", "id\r\n7\r\n", "id\r\n3\r\n6\r\n"])
    }
}
