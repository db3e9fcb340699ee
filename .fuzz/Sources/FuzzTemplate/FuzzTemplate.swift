import Foundation
import FuzzSupport
@testable import JimuKit
import JimuSpec
import Mustache

/// The template engines: `{{field|transform}}` templates of keys, paths and values, rendered with
/// a record; and the Mustache templates of text and HTML outputs. The first line is the template,
/// the rest are the record's three field values.
@main
enum Harness {
    static func main() {
        exit(LibFuzzer.run(fuzzTemplate))
    }
}

/// libFuzzer's entry point by name too, for a debug build, whose link takes libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTemplate(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    let source = lines[0]
    let values = (lines.dropFirst() + ["", "", ""]).prefix(3).map { FieldValue.text($0) }
    let schema = RecordSchema(names: ["name", "amount", "date"], types: [.text, .text, .text], personal: [true, false, false])
    let record = Record(schema: schema, values: values, location: RecordLocation(file: "f", line: 1, index: 1))
    if let template = try? TextTemplate(parsing: source) {
        let evaluator = TemplateEvaluator(template, schema: schema, run: ["run_id": "1", "run_date": "2026-11-24"], escape: { $0.replacingOccurrences(of: "/", with: "_") })
        _ = evaluator.render(record)
        _ = template.fieldNames
    }
    if let mustache = try? MustacheTemplate(string: source) {
        _ = mustache.render(["name": lines.count > 1 ? lines[1] : "", "items": [["a": "1"], ["a": "2"]]])
    }
    _ = record.maskingPersonal(in: text)
    _ = PrintableText.escaped(text)
    return 0
}
