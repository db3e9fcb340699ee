import Foundation
import FuzzSupport
@testable import JimuKit
import JimuSpec

/// The CSV reader, whole: header, BOM, quotes, line breaks, both encodings, the 16 MB row limit,
/// rejects-file unguarding; then each row a rejects file would write (`CSVCell.neutralisedRow`).
@main
enum Harness {
    static func main() {
        exit(LibFuzzer.run(fuzzCSV))
    }
}

/// libFuzzer's entry point by name too, for a debug build, whose link takes libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    // The first byte picks the encoding and the chunk size: small chunks cross every boundary a
    // 1 MB chunk would.
    let file = ScratchFile.write(UnsafeBufferPointer(start: start + 1, count: count - 1), suffix: "csv")
    var options = CSVInputOptions(encoding: start[0] & 1 == 0 ? .utf8 : .cp932)
    options.rename = ["a": "b"]
    let chunk = [5, 64, 4096, 1 << 20][Int(start[0] >> 1) & 3]
    guard var source = try? CSVRecordSource(files: [file], options: options, chunkSize: chunk, display: { $0.lastPathComponent }) else {
        return 0
    }
    while let record = try? source.next() {
        _ = CSVCell.neutralisedRow(record.raw)
    }
    _ = source.fractionRead
    return 0
}
