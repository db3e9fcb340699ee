import Foundation
import Testing

/// Golden-file comparison: bytes must match exactly; with `JIMU_RECORD=1` a mismatch rewrites the
/// file and fails the test (as swift-argument-parser and SwiftLint do).
public enum Golden {
    /// Compares `actual` with the golden file at `path` (relative to the calling test file's folder).
    public static func assertEqual(
        _ actual: [UInt8], _ path: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(path)
        let expected = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        if expected == actual { return }
        if ProcessInfo.processInfo.environment["JIMU_RECORD"] == "1" {
            // Recording fails the test, so that a recorded golden is always looked at and a run with
            // JIMU_RECORD=1 left set can never pass.
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual).write(to: url)
                Issue.record(
                    Comment(rawValue: "recorded \(path); check the change and run again without JIMU_RECORD"), sourceLocation: sourceLocation)
            } catch {
                Issue.record(Comment(rawValue: "cannot record \(path): \(error)"), sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record(
                Comment(rawValue: "golden file \(path) is missing; run with JIMU_RECORD=1 to create it"),
                sourceLocation: sourceLocation)
            return
        }
        let index = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, actual.count)
        let message = "\(path) differs at byte \(index) (expected \(expected.count) bytes, got \(actual.count)); "
            + "JIMU_RECORD=1 re-records it"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// Compares text with a golden file.
    public static func assertEqual(
        _ actual: String, _ path: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertEqual(Array(actual.utf8), path, filePath: filePath, sourceLocation: sourceLocation)
    }
}
