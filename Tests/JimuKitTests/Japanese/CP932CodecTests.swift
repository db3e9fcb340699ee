@testable import JimuKit
import Testing

/// Byte values from Python's cp932 codec (docs/platform-notes.md §1).
@Suite struct CP932CodecTests {
    @Test("NEC and IBM extensions and half-width kana round-trip", arguments: [
        ("①", [0x87, 0x40]), ("㈱", [0x87, 0x8A]), ("髙", [0xFB, 0xFC]), ("～", [0x81, 0x60]), ("－", [0x81, 0x7C]),
        ("ｶﾞﾊﾟｰ", [0xB6, 0xDE, 0xCA, 0xDF, 0xB0]), ("ABC", [0x41, 0x42, 0x43]), ("表", [0x95, 0x5C]),
    ] as [(String, [UInt8])])
    func roundTrip(text: String, bytes: [UInt8]) throws {
        let codec = CP932Codec()
        #expect(try codec.encode(text) == bytes)
        #expect(try codec.decode(bytes) == text)
    }

    @Test("the table encoder gives iconv's bytes for every CP932 character, and refuses what CP932 lacks")
    func tableMatchesIconv() throws {
        let codec = CP932Codec(), reference = CP932Codec()
        var characters: [String] = (0xA1...0xDF).map { String(UnicodeScalar(0xFF61 + $0 - 0xA1)!) }
        for lead in Array(0x81...0x9F) + Array(0xE0...0xFC) {
            for trail in Array(0x40...0x7E) + Array(0x80...0xFC) {
                if let text = try? reference.decode([UInt8(lead), UInt8(trail)]) { characters.append(text) }
            }
        }
        #expect(characters.count > 7_000)
        for text in characters {
            var bytes: [UInt8] = []
            try codec.encode(utf8: Array("a\(text)b".utf8), into: &bytes)
            #expect(bytes == [0x61] + (try reference.encode(text)) + [0x62], "\(text)")
        }
        var bytes: [UInt8] = [0x7A]
        #expect(throws: CP932Codec.Failure.unmappable("😀")) { try codec.encode(utf8: Array("髙😀".utf8), into: &bytes) }
        #expect(throws: CP932Codec.Failure.unmappable("丂")) { try codec.encode(utf8: Array("A丂".utf8), into: &bytes) }
        #expect(bytes == [0x7A])
    }

    @Test("decoding a row through the character table gives what decoding each character alone gives")
    func tableDecoding() throws {
        var row: [UInt8] = [], expected = ""
        for lead in Array(0x81...0x9F) + Array(0xE0...0xFC) {
            for trail in Array(0x40...0x7E) + Array(0x80...0xFC) {
                guard let text = try? CP932Codec().decode([UInt8(lead), UInt8(trail)]) else { continue }
                row += [UInt8(lead), UInt8(trail), 0x2C]
                expected += text + ","
            }
        }
        row += (0xA1...0xDF).map { UInt8($0) }
        expected += (0xA1...0xDF).map { String(UnicodeScalar(0xFF61 + $0 - 0xA1)!) }.joined()
        let codec = CP932Codec()
        #expect(try codec.decode(row) == expected)
        #expect(try codec.decode(row) == expected, "the second time every character comes from the table")
        #expect(throws: CP932Codec.Failure.invalidBytes(offset: 2, bytes: [0x85, 0x40])) { try codec.decode([0x82, 0xA0, 0x85, 0x40]) }
    }

    @Test("decoding NEC-selected IBM bytes gives the Windows characters")
    func ibmSelected() throws {
        #expect(try CP932Codec().decode([0xED, 0x40]) == "纊")
        #expect(try CP932Codec().decode([0x87, 0x90]) == "≒")
    }

    @Test("invalid bytes are reported with their offset")
    func invalid() {
        #expect(throws: CP932Codec.Failure.invalidBytes(offset: 2, bytes: [0x85, 0x40])) {
            try CP932Codec().decode([0x41, 0x42, 0x85, 0x40])
        }
        #expect(throws: CP932Codec.Failure.invalidBytes(offset: 1, bytes: [0x82])) {
            try CP932Codec().decode([0x41, 0x82])
        }
    }

    @Test("characters outside CP932 are named")
    func unmappable() {
        #expect(throws: CP932Codec.Failure.unmappable("𠮷")) { try CP932Codec().encode("吉田と𠮷田") }
        #expect(throws: CP932Codec.Failure.unmappable("😀")) { try CP932Codec().encode("😀") }
    }
}
