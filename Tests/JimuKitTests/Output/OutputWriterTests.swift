import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

@Suite struct OutputWriterTests {
    @Test("files appear only when published, are 0600, and never overwrite an existing file")
    func atomicAndPrivate() throws {
        let root = Fixtures.temporaryDirectory()
        Fixtures.write("old", to: root.appendingPathComponent("day/a.csv"))
        let writer = OutputWriter(root: root, tag: "t1", dryRun: false)
        try writer.write(Array("new".utf8), to: "day/a.csv")
        try writer.write(Array("b".utf8), to: "day/b.csv")
        let prepared = try writer.prepare()
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("day/b.csv").path))
        #expect(prepared.map(\.path) == ["day/a-2.csv", "day/b.csv"])
        #expect(prepared[0].sha256 == "11507a0e2f5e69d5dfa40a62a1bd7b6ee57e6bcd85c67c9b8431b36fff21c437")
        try OutputWriter.publish(prepared)
        #expect(try String(contentsOf: root.appendingPathComponent("day/a.csv"), encoding: .utf8) == "old")
        #expect(try String(contentsOf: root.appendingPathComponent("day/a-2.csv"), encoding: .utf8) == "new")
        let mode = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("day/b.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("day").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("a file closed early is on disk whole at once; large writes bypass the buffer")
    func closeEarly() throws {
        let root = Fixtures.temporaryDirectory()
        let writer = OutputWriter(root: root, tag: "t4", dryRun: false)
        let large = [UInt8](repeating: 0x41, count: OutputWriter.bufferSize + 5)
        try writer.write(Array("head".utf8), to: "vol-1.pdf")
        try writer.write(large, to: "vol-1.pdf")
        try writer.write(Array("tail".utf8), to: "vol-1.pdf")
        try writer.write(Array("open".utf8), to: "vol-2.pdf")
        try writer.close("vol-1.pdf")
        let temporary = root.appendingPathComponent(".vol-1.pdf.t4.tmp")
        #expect(FileManager.default.contents(atPath: temporary.path).map { [UInt8]($0) } == Array("head".utf8) + large + Array("tail".utf8))
        let prepared = try writer.prepare()
        #expect(prepared.map(\.size) == [large.count + 8, 4])
        try OutputWriter.publish(prepared)
        #expect(try String(contentsOf: root.appendingPathComponent("vol-2.pdf"), encoding: .utf8) == "open")
    }

    @Test("discard removes temporary files; a dry run writes nothing but still hashes")
    func discardAndDryRun() throws {
        let root = Fixtures.temporaryDirectory()
        let writer = OutputWriter(root: root, tag: "t2", dryRun: false)
        try writer.write(Array("x".utf8), to: "a.csv")
        writer.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        let dry = OutputWriter(root: root, tag: "t3", dryRun: true)
        try dry.write(Array("new".utf8), to: "sub/a.csv")
        #expect(try dry.prepare().first?.sha256 == "11507a0e2f5e69d5dfa40a62a1bd7b6ee57e6bcd85c67c9b8431b36fff21c437")
        dry.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test("paths that leave the output root are refused")
    func traversal() {
        let writer = OutputWriter(root: Fixtures.temporaryDirectory(), tag: "t4", dryRun: false)
        #expect(throws: OutputError.self) { try writer.write([1], to: "../escape.csv") }
        #expect(throws: OutputError.self) { try writer.write([1], to: "/etc/passwd") }
    }

    @Test("an unwritable folder is a clear error")
    func unwritable() throws {
        let root = Fixtures.temporaryDirectory()
        Fixtures.write("file", to: root.appendingPathComponent("blocked"))
        let writer = OutputWriter(root: root, tag: "t5", dryRun: false)
        #expect(throws: OutputError.self) { try writer.write([1], to: "blocked/a.csv") }
    }
}
