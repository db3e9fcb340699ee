import Foundation
import FuzzSupport
@testable import JimuKit
import JimuSpec

/// The job-file reader and its validation, and the same text read as `jimu.yaml`.
@main
enum Harness {
    static func main() {
        exit(LibFuzzer.run(fuzzJobFile))
    }
}

/// libFuzzer's entry point by name too, for a debug build, whose link takes libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJobFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let folder = FuzzFolder.url
    let job = folder.appendingPathComponent("Jobs/fuzz.yaml")
    let config = folder.appendingPathComponent("Jobs/jimu.yaml")
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    try? data.write(to: job)
    _ = JobLoader.read(job, project: ProjectConfig(root: folder))
    try? data.write(to: config)
    _ = ProjectConfig.load(config)
    return 0
}

enum FuzzFolder {
    static let url: URL = {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jimu-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url.appendingPathComponent("Jobs"), withIntermediateDirectories: true)
        return url
    }()
}
