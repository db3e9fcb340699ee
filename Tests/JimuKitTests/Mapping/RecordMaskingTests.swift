@testable import JimuKit
import Testing

@Suite struct RecordMaskingTests {
    @Test("personal values are masked wherever a message quotes them, whatever bytes they hold")
    func maskingNet() {
        let schema = RecordSchema(names: ["name", "amount"], types: [.text, .text], personal: [true, false])
        let record = Record(
            schema: schema, values: [.text("山田\u{0}\u{0}太郎"), .text("48400")], location: RecordLocation(file: "f", line: 1, index: 1))
        #expect(record.maskingPersonal(in: "'山田\u{0}\u{0}太郎' for 48400, again 山田\u{0}\u{0}太郎") == "'山***' for 48400, again 山***")
        // Found by the template fuzzer: Foundation's replacingOccurrences trapped on this.
        let fuzzed = Record(schema: schema, values: [.text(String(repeating: "\u{0}", count: 20)), .text("")], location: RecordLocation(file: "f", line: 1, index: 1))
        #expect(fuzzed.maskingPersonal(in: "\"\u{FFFD}\"\n" + String(repeating: "\u{0}", count: 20)) == "\"\u{FFFD}\"\n\u{0}***")
    }
}
