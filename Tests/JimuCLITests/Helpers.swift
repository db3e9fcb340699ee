import Foundation
@testable import JimuKit

/// CP932 files as lines, for editing samples in tests.
enum CP932Lines {
    static func read(_ url: URL) throws -> [String] {
        try CP932Codec().decode([UInt8](try Data(contentsOf: url))).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func write(_ lines: [String], to url: URL) throws {
        try Data(try CP932Codec().encode(lines.joined(separator: "\r\n") + "\r\n")).write(to: url)
    }
}

/// Holds a job's lock the way another `jimu run` would.
final class JobLockHolder {
    let lock: JobLock

    init(_ directory: URL, job: String) throws {
        lock = try JobLock(job: job, directory: directory, holder: "held by the test")
    }
}
