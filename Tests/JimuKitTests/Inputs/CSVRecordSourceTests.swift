import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct CSVRecordSourceTests {
    static func read(
        _ text: String, cp932: Bool = false, bom: Bool = false, chunk: Int = 1 << 20, rename: [String: String] = [:]
    ) throws -> (columns: [String], records: [SourceRecord]) {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("input.csv")
        var bytes = cp932 ? try CP932Codec().encode(text) : Array(text.utf8)
        if bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        Fixtures.write(bytes, to: url)
        var options = CSVInputOptions()
        options.encoding = cp932 ? .cp932 : .utf8
        options.rename = rename
        var source = try CSVRecordSource(files: [url], options: options, chunkSize: chunk) { _ in "input.csv" }
        var records: [SourceRecord] = []
        while let record = try source.next() { records.append(record) }
        return (source.columns, records)
    }

    @Test("quoted commas, quotes and line breaks; line numbers count physical lines")
    func quoting() throws {
        let (columns, records) = try Self.read("名前,備考\r\n\"山田, 太郎\",\"一行目\r\n二行目\"\r\n佐藤,\"言った\"\"はい\"\"\"\r\n")
        #expect(columns == ["名前", "備考"])
        #expect(records.map(\.values) == [["山田, 太郎", "一行目\r\n二行目"], ["佐藤", "言った\"はい\""]])
        #expect(records.map(\.location.line) == [2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test("a UTF-8 BOM is skipped, blank lines are not records, renames apply, LF endings work")
    func bomBlankRename() throws {
        let (columns, records) = try Self.read("\n 旧名 ,b\n\n1,2\n\n3,4", bom: true, rename: ["旧名": "新名"])
        #expect(columns == ["新名", "b"])
        #expect(records.map(\.values) == [["1", "2"], ["3", "4"]])
        #expect(records.map(\.location.line) == [4, 6])
    }

    @Test("CP932 files decode, NEC/IBM characters included")
    func cp932() throws {
        let (columns, records) = try Self.read("氏名,会社\r\n髙橋 ①,㈱山田\r\n", cp932: true)
        #expect(columns == ["氏名", "会社"])
        #expect(records.first?.values == ["髙橋 ①", "㈱山田"])
    }

    @Test("broken rows are reported with line, column and field name; the rows after them still read")
    func brokenRows() throws {
        let text = "a,b,c\n1,\"x\"y,3\n4,5\n6,7,8\n9,1\"0,11\n12,13,14\n"
        let (_, records) = try Self.read(text)
        #expect(records.count == 5)
        #expect(records[0].problem?.description == "column 2 (b): text after the closing quote; quote the whole field and double inner quotes (\"\")")
        #expect(records[1].problem?.description == "the row has 2 fields but the header has 3")
        #expect(records[2].values == ["6", "7", "8"])
        #expect(records[3].problem?.column == 2)
        #expect(records[4].values == ["12", "13", "14"])
        #expect(records.map(\.location.line) == [2, 3, 4, 5, 6])
        #expect(String(decoding: records[0].raw, as: UTF8.self) == "1,\"x\"y,3")
    }

    @Test("an unterminated quote names the line it opened on and keeps the rest as one rejected record")
    func unterminated() throws {
        let (_, records) = try Self.read("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
        #expect(records.count == 2)
        #expect(records[1].location.line == 3)
        #expect(records[1].problem?.description.contains("the quote opened on line 3 never closes") == true)
        #expect(String(decoding: records[1].raw, as: UTF8.self) == "3,\"open\n4,5\n6,7\n")
    }

    @Test("invalid CP932 bytes reject the row with the column and byte; other rows read")
    func invalidCP932() throws {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("broken.csv")
        Fixtures.write(Array("a,b\r\n1,".utf8) + [0x85, 0x40] + Array("\r\n2,ok\r\n".utf8), to: url)
        var options = CSVInputOptions()
        options.encoding = .cp932
        var source = try CSVRecordSource(files: [url], options: options) { _ in "broken.csv" }
        let first = try source.next()
        #expect(first?.problem?.description == "column 2 (b): invalid CP932 bytes 85 40 at byte 1 of the field; re-export the file as Shift_JIS (CP932)")
        #expect(try source.next()?.values == ["2", "ok"])
        #expect(try source.next() == nil)
        #expect(source.files.first?.records == 2)
    }

    @Test("bytes that are not UTF-8 are refused, not replaced")
    func invalidUTF8() throws {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("sjis.csv")
        Fixtures.write(Array("a\n".utf8) + (try CP932Codec().encode("山田")) + [0x0A], to: url)
        var source = try CSVRecordSource(files: [url], options: CSVInputOptions()) { _ in "sjis.csv" }
        #expect(try source.next()?.problem?.message.contains("not UTF-8") == true)
    }

    @Test("a duplicate header or an empty file is an input error")
    func headerErrors() {
        #expect(throws: InputError.self) { try Self.read("a,b,a\n1,2,3\n") }
        #expect(throws: InputError.self) { try Self.read("") }
    }

    @Test("random tables round-trip through quoting, with rows straddling tiny chunks", arguments: [7, 13, 64])
    func roundTrip(chunk: Int) throws {
        var generator = SeededGenerator(seed: UInt64(chunk))
        let alphabet = Array("ab,\"\r\n 山田①ｶﾞ髙\t-=")
        let rows: [[String]] = (0..<200).map { _ in
            (0..<4).map { _ in String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        }.filter { row in !(row.allSatisfy(\.isEmpty)) }
        let header = "c1,c2,c3,c4"
        let text = ([header] + rows.map { $0.map(CSVCell.quoted).joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
        for cp932 in [false, true] {
            let (_, records) = try Self.read(text, cp932: cp932, chunk: chunk)
            #expect(records.map(\.values) == rows)
        }
    }
}
