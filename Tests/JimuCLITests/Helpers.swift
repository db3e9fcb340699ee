import Foundation
@testable import JimuKit
import JimuTestSupport

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

extension CLI.Result {
    /// The lines of the rejects file a `--summary json` run names (UTF-8, or CP932 as its input
    /// was); empty when it names none.
    func rejects(in project: URL) throws -> [String] {
        let summary = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] ?? [:]
        guard let path = summary["rejects_file"] as? String else { return [] }
        let url = project.appendingPathComponent(path)
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            return text.components(separatedBy: .newlines).filter { !$0.isEmpty }
        }
        return try CP932Lines.read(url)
    }
}
