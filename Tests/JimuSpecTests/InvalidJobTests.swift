import Foundation
import JimuSpec
import JimuTestSupport
import Testing

/// Each `Fixtures/invalid/<case>.yaml` must produce exactly the diagnostics in `<case>.expected.txt`.
@Suite struct InvalidJobTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/invalid")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("invalid job files give exactly the expected diagnostics", arguments: cases)
    func diagnostics(name: String) throws {
        let url = Self.folder.appendingPathComponent("\(name).yaml")
        let project = ProjectConfig(root: Self.folder)
        let (job, diagnostics) = JobLoader.load(url, project: project)
        #expect(job == nil)
        #expect(diagnostics.hasErrors)
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        Golden.assertEqual(text, "Fixtures/invalid/\(name).expected.txt")
    }

    @Test("every error carries a line and column")
    func locations() {
        for name in Self.cases {
            let (_, diagnostics) = JobLoader.load(
                Self.folder.appendingPathComponent("\(name).yaml"), project: ProjectConfig(root: Self.folder))
            for diagnostic in diagnostics {
                #expect(diagnostic.location?.line != nil, "\(name): \(diagnostic)")
            }
        }
    }
}
