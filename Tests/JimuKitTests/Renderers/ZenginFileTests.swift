@testable import JimuKit
import Testing

/// Byte-exact against the expected records of nahi/jba's test suite (test/test_jba.rb), an
/// independent implementation of the same 全銀協 総合振込 layout.
@Suite struct ZenginFileTests {
    static func bytes(_ text: String) -> [UInt8] { try! CP932Codec().encode(text) }

    static let header: [String: String] = [
        "種別コード": "21", "コード区分": "0", "振込依頼人コード": "1", "振込依頼人名": "ﾔﾏﾀﾞﾀﾛｳ", "振込指定日": "0224",
        "仕向金融機関番号": "3", "仕向金融機関名": "ﾔﾏﾀﾞ", "仕向支店番号": "4", "仕向支店名": "ﾀﾛｳ", "預金種目": "1", "口座番号": "5",
    ]

    @Test("header, data, trailer and end records equal jba's")
    func records() throws {
        let codec = CP932Codec()
        #expect(try ZenginLayout.header.encode(Self.header, codec: codec) == Self.bytes(
            "12100000000001ﾔﾏﾀﾞﾀﾛｳ                                 02240003ﾔﾏﾀﾞ           004ﾀﾛｳ            10000005                 "))
        let data = [
            "被仕向金融機関番号": "1", "被仕向金融機関名": "ﾔﾏﾀﾞ", "被仕向支店番号": "2", "被仕向支店名": "ﾀﾛｳ", "手形交換所番号": "3",
            "預金種目": "4", "口座番号": "5", "受取人名": "ﾔﾏﾀﾞﾀﾛｳ", "振込金額": "6", "新規コード": "0", "顧客コード1": "7",
            "顧客コード2": "8", "振込指定区分": "7", "識別表示": "D",
        ]
        #expect(try ZenginLayout.data.encode(data, codec: codec) == Self.bytes(
            "20001ﾔﾏﾀﾞ           002ﾀﾛｳ            000340000005ﾔﾏﾀﾞﾀﾛｳ                       000000000607         8         7D       "))
        #expect(try ZenginLayout.trailer.encode(["合計件数": "1", "合計金額": "2"], codec: codec) == Self.bytes(
            "8000001000000000002" + String(repeating: " ", count: 101)))
        #expect(try ZenginLayout.end.encode([:], codec: codec) == Self.bytes("9" + String(repeating: " ", count: 119)))
    }

    @Test("a whole file equals jba's, with CRLF and the EOF byte; the reader reads it back and checks the trailer")
    func file() throws {
        var header = Self.header
        header["振込依頼人名"] = "2"
        header["仕向金融機関名"] = nil
        header["仕向支店名"] = nil
        var options = ZenginOptions()
        options.eofMarker = true
        var file = ZenginFile(header: header, options: options)
        var bytes = try file.begin()
        let plain = ["被仕向金融機関番号": "1", "被仕向支店番号": "2", "預金種目": "4", "口座番号": "3", "受取人名": "5",
                     "振込金額": "6", "新規コード": "0", "振込指定区分": "7"]
        bytes += try file.add(plain)
        bytes += try file.add(plain)
        bytes += try file.add([
            "被仕向金融機関番号": "1", "被仕向金融機関名": "ｼﾞｸ", "被仕向支店番号": "2", "被仕向支店名": "ｼﾝｼﾞﾕｸ", "手形交換所番号": "1234",
            "預金種目": "4", "口座番号": "3", "受取人名": "5", "振込金額": "80315", "新規コード": "0", "顧客コード1": "ABC",
            "顧客コード2": "DEF", "振込指定区分": "7", "識別表示": "X",
        ])
        bytes += try file.finish()
        let expected = """
            121000000000012                                       02240003               004               10000005                 \r
            20001               002               0000400000035                             00000000060                    7        \r
            20001               002               0000400000035                             00000000060                    7        \r
            20001ｼﾞｸ            002ｼﾝｼﾞﾕｸ         1234400000035                             00000803150ABC       DEF       7X       \r
            8000003000000080327                                                                                                     \r
            9                                                                                                                       \r

            """
        #expect(bytes == Self.bytes(expected) + [0x1A])
        let read = try ZenginReader.read(bytes)
        #expect(read.data.count == 3 && read.data[2]["被仕向支店名"] == "ｼﾝｼﾞﾕｸ" && read.trailer["合計金額"] == "000000080327")
    }

    @Test("the reader refuses a trailer that disagrees, a short record and records out of order; reads a file without line breaks")
    func readerRefuses() throws {
        var file = ZenginFile(header: Self.header)
        var bytes = try file.begin() + file.add(["被仕向金融機関番号": "1", "被仕向支店番号": "2", "預金種目": "1", "口座番号": "3",
                                                 "受取人名": "ｱ", "振込金額": "100", "新規コード": "0", "振込指定区分": "7"])
        bytes += try file.finish()
        var wrongTotal = bytes
        wrongTotal[122 * 2 + 18] = 0x31
        #expect(throws: FixedWidthLayout.Failure.self) { try ZenginReader.read(wrongTotal) }
        #expect(throws: FixedWidthLayout.Failure.self) { try ZenginReader.read(Array(bytes.dropFirst(3))) }
        var noLineBreaks = ZenginOptions()
        noLineBreaks.lineBreaks = false
        let flat = ZenginFile(header: Self.header, options: noLineBreaks)
        let flatBytes = try flat.begin() + flat.finish()
        #expect(flatBytes.count == 360)
        #expect(try ZenginReader.read(flatBytes).data.isEmpty)
        let swapped = Array(bytes[0..<122]) + Array(bytes[244..<366]) + Array(bytes[122..<244]) + Array(bytes[366...])
        #expect(throws: FixedWidthLayout.Failure.self) { try ZenginReader.read(swapped) }
    }

    @Test("fields that do not fit are refused with the field's name")
    func refusesBadFields() {
        let codec = CP932Codec()
        #expect(throws: FixedWidthLayout.Failure.self) { try ZenginLayout.header.encode(["振込依頼人名": "山田"], codec: codec) }
        #expect(throws: FixedWidthLayout.Failure.self) { try ZenginLayout.header.encode(["口座番号": "12345678"], codec: codec) }
        do { _ = try ZenginLayout.header.encode(["振込依頼人名": String(repeating: "ｱ", count: 41)], codec: codec) } catch {
            #expect(error.description == "header record: 振込依頼人名 '\(String(repeating: "ｱ", count: 41))' is 41 bytes; the field holds 40")
        }
    }

    @Test("a field written over a blank record gives the bytes of the whole record encoded")
    func writesOneField() throws {
        let codec = CP932Codec(), layout = ZenginLayout.data
        let name = layout.positions()["受取人名"]!, amount = layout.positions()["振込金額"]!
        for text in ["ｶ)ﾏﾙﾏﾙｼﾖｳｼﾞ", "ABC-123 ()./", String(repeating: "ﾎﾟ", count: 15), ""] {
            var record = layout.blank
            try layout.write(text, field: name, into: &record, codec: codec)
            try layout.write("48400", field: amount, into: &record, codec: codec)
            #expect(record == (try layout.encode(["受取人名": text, "振込金額": "48400"], codec: codec)), "\(text)")
            #expect(Array(record[layout.offsets[name]..<layout.offsets[name] + 30]) == (try codec.encode(text)) + Array(repeating: 0x20, count: 30 - (try codec.encode(text)).count))
        }
        var record = layout.blank
        #expect(throws: FixedWidthLayout.Failure(description: "data record: 受取人名 'ﾔﾏﾀﾞ 花子' has a character that is not single-byte JIS X 0201")) {
            try layout.write("ﾔﾏﾀﾞ 花子", field: name, into: &record, codec: codec)
        }
        #expect(throws: FixedWidthLayout.Failure(description: "data record: 振込金額 '12345678901' is not a number of at most 10 digits")) {
            try layout.write("12345678901", field: amount, into: &record, codec: codec)
        }
    }

    @Test("names become Zengin kana", arguments: [
        ("カブシキガイシャ　ミドリブング", "ｶ)ﾐﾄﾞﾘﾌﾞﾝｸﾞ"), ("ミドリブング カブシキガイシャ", "ﾐﾄﾞﾘﾌﾞﾝｸﾞ(ｶ"), ("ｶ)ﾏﾙﾏﾙｼｮｳｼﾞ", "ｶ)ﾏﾙﾏﾙｼﾖｳｼﾞ"),
        ("ゆうげんがいしゃさくらいんさつ", "ﾕ)ｻｸﾗｲﾝｻﾂ"), ("ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"), ("コーヒー・ショップ", "ｺ-ﾋ- ｼﾖﾂﾌﾟ"),
        ("ｍｉｄｏｒｉ ｃｏ.", "MIDORI CO."), ("タナカ(ヲ)", "ﾀﾅｶ(ｵ)"), ("ミドリカブシキガイシャブンシテン", "ﾐﾄﾞﾘ(ｶ)ﾌﾞﾝｼﾃﾝ"),
        // Reported by the trials: whole words, the longest first; no spaces around a mark; names
        // already in half-width kana; ヵヶヰヱヮ as the banks write them.
        ("シャカイイリョウホウジン　ミドリカイ", "ｲ)ﾐﾄﾞﾘｶｲ"), ("ミドリ カブシキガイシャ トウキョウシテン", "ﾐﾄﾞﾘ(ｶ)ﾄｳｷﾖｳｼﾃﾝ"),
        ("ｶﾌﾞｼｷｶﾞｲｼﾔ ﾐﾄﾞﾘ", "ｶ)ﾐﾄﾞﾘ"), ("ヰヱヴァ ヶ丘", nil), ("ヰヱヮ ヵヶ", "ｲｴﾜ ｶｹ"),
        ("株式会社みどり文具", nil), ("株式会社　みどり", "ｶ)ﾐﾄﾞﾘ"), ("みどり株式会社千葉営業所", nil),
        ("ミドリ(カ)チバ エイギョウショ", "ﾐﾄﾞﾘ(ｶ)ﾁﾊﾞ(ｴｲ"),
        ("コウエキシャダンホウジン ニホンミドリキョウカイ", "ｼﾔ)ﾆﾎﾝﾐﾄﾞﾘｷﾖｳｶｲ"),
    ] as [(String, String?)])
    func names(input: String, expected: String?) throws {
        if let expected {
            #expect(try ZenginName.normalise(input) == expected)
        } else {
            #expect(throws: ZenginName.Failure.self) { try ZenginName.normalise(input) }
        }
    }

    @Test("every 法人略語 and 営業所略語 of the published table, leading, trailing and inside, from kanji, katakana and half-width kana",
          arguments: ZenginAbbreviations.all)
    func abbreviations(entry: ZenginAbbreviations.Entry) throws {
        // As a bank's master writes it: half-width, small kana large (ｼﾔ, ﾁﾕｳ, ｶﾞﾂｺｳ).
        let half = { (text: String) in
            [("ｬ", "ﾔ"), ("ｭ", "ﾕ"), ("ｮ", "ﾖ"), ("ｯ", "ﾂ")].reduce(KanaWidth.halfWidth(text)) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
        let a = entry.abbreviation
        for word in [entry.term] + entry.readings + entry.readings.map(half) {
            #expect(try ZenginName.normalise("\(word)ミドリ") == "\(a))ﾐﾄﾞﾘ", "\(word)")
            #expect(try ZenginName.normalise("ミドリ　\(word)") == "ﾐﾄﾞﾘ(\(a)", "\(word)")
            #expect(try ZenginName.normalise("ミドリ \(word) チバ") == "ﾐﾄﾞﾘ(\(a))ﾁﾊﾞ", "\(word)")
        }
    }

    @Test("kanji and other characters are refused, naming the character")
    func nameRefused() {
        do { _ = try ZenginName.normalise("山田タロウ") } catch {
            #expect(error.description == "'山' in '山田タロウ' cannot be written in a 全銀 file; give the name in katakana")
        }
        #expect(throws: ZenginName.Failure.self) { try ZenginName.normalise("タナカ&サトウ") }
    }
}
