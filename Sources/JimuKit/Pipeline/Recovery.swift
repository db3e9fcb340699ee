import Foundation
import Logging

/// Finishes what a crash interrupted: a run whose outputs were recorded but not all renamed into
/// place is rolled forward (its fsynced temporary files are renamed), so keys the ledger marks as
/// issued always have their documents.
struct Recovery {
    let ledger: any Ledger
    let logger: Logger

    func finishPublishing(job: String) throws {
        for (run, files) in try ledger.unpublishedRuns(job: job) {
            var missing: [String] = []
            for file in files where !FileManager.default.fileExists(atPath: file.absolutePath) {
                if FileManager.default.fileExists(atPath: file.temporaryPath),
                   (try? FileDigest.sha256(of: URL(fileURLWithPath: file.temporaryPath))) == file.sha256
                {
                    try OutputWriter.publish([OutputWriter.PreparedFile(
                        path: file.path, pathRequested: file.path, url: URL(fileURLWithPath: file.absolutePath),
                        temporary: URL(fileURLWithPath: file.temporaryPath), sha256: file.sha256, size: file.size)])
                } else {
                    missing.append(file.absolutePath)
                }
            }
            guard missing.isEmpty else {
                throw LedgerError(message: """
                    run \(run) of '\(job)' recorded outputs that are neither in place nor waiting to be: \
                    \(missing.joined(separator: ", ")); restore them from backup before running the job again
                    """)
            }
            let rejected = try ledger.run(id: run).map { $0.run.rejected > 0 } ?? false
            try ledger.markPublished(run: run, status: rejected ? .completedWithRejects : .succeeded)
            logger.notice("finished publishing an interrupted run", metadata: ["run": "\(run)", "job": "\(job)"])
        }
    }
}
