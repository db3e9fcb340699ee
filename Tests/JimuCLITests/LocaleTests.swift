import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// Operators log in with a Japanese locale: every shipped job behaves under it as under C.
@Suite struct LocaleTests {
    static let jobs = ["payment-list", "payment-orders", "property-inquiries", "invoice-register"]

    /// Runs every shipped job in a new scratch project under `environment`.
    static func runAll(_ environment: [String: String]) throws -> (project: URL, summaries: [[String: Any]]) {
        let project = try CLI.scratchProject()
        var summaries: [[String: Any]] = []
        for job in jobs {
            let run = try CLI.run(["run", "Jobs/\(job).yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project, environment: environment)
            #expect(run.status == 65, "\(job): \(run.stderr)")
            summaries.append(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:])
        }
        return (project, summaries)
    }

    @Test("under LANG=ja_JP.UTF-8 every shipped job checks clean and writes what it writes under C, PDF forms included")
    func japanese() throws {
        let locales = try CLI.run(["-a"], in: Fixtures.packageRoot, executable: "/usr/bin/locale")
        try #require(
            locales.stdout.lowercased().split(separator: "\n").contains("ja_jp.utf8"),
            "the ja_JP.UTF-8 locale is not generated here; bash .ci/setup (or .ci/test) installs and generates it")
        let japanese = ["LANG": "ja_JP.UTF-8", "LC_ALL": "", "LANGUAGE": "ja"]
        let check = try CLI.run(["check"] + Self.jobs.map { "Jobs/\($0).yaml" }, in: Fixtures.packageRoot, environment: japanese)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let c = try Self.runAll(["LANG": "C", "LC_ALL": ""])
        let ja = try Self.runAll(japanese)
        for (before, after) in zip(c.summaries, ja.summaries) {
            let outputs = { (summary: [String: Any]) in (summary["outputs"] as? [[String: Any]] ?? []).map { ($0["path"] as? String ?? "", $0["kind"] as? String ?? "", $0["sha256"] as? String ?? "") } }
            let (cOutputs, jaOutputs) = (outputs(before), outputs(after))
            #expect(cOutputs.map(\.0) == jaOutputs.map(\.0))
            for (left, right) in zip(cOutputs, jaOutputs) {
                if left.1 == "pdf" {
                    // The PDF's creation time differs; its pages and text may not.
                    #expect(try PDFText.pages(of: c.project.appendingPathComponent(left.0)) == PDFText.pages(of: ja.project.appendingPathComponent(right.0)), "\(left.0)")
                } else {
                    #expect(left.2 == right.2, "\(left.0) differs under ja_JP.UTF-8")
                }
            }
        }
    }
}
