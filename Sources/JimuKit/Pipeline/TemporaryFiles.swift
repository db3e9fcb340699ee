import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JimuSpec
import Logging

/// The temporary files a run writes beside its outputs, named `.<file>.jimu-<job>-run<id>-<pid>.tmp`.
/// A process killed with SIGKILL leaves them behind; the next run of the job, which holds the
/// job's lock, knows no other run of the job is writing and removes them.
enum TemporaryFiles {
    static func tag(job: String, run: Int64, pid: Int) -> String {
        "jimu-\(job)-run\(run)-\(pid)"
    }

    /// The journal of the folders a run of the job writes temporary files in, kept in the output
    /// root while the run writes and removed when it ends: a run that was killed leaves it, and
    /// the next run cleans exactly those folders instead of searching the whole output root.
    static func journal(of job: Job, under root: URL) -> URL {
        root.appendingPathComponent(".jimu-temporary-\(job.id)")
    }

    /// Removes the journal of a run that left no temporary file (its files are in place, or gone).
    static func removeJournal(of job: Job, under root: URL) {
        unlink(journal(of: job, under: root).path)
    }

    /// Notes a folder in a journal, before a temporary file is made in it.
    static func note(_ folder: URL, in journal: URL) {
        let descriptor = open(journal.path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let line = Array((folder.path + "\n").utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Removes temporary files of earlier, dead runs of a job from the folders its journal names.
    static func removeStale(of job: Job, under root: URL, logger: Logger) {
        let journal = journal(of: job, under: root)
        guard let text = try? String(contentsOf: journal, encoding: .utf8) else { return }
        let marker = ".jimu-\(job.id)-run"
        let rootPath = root.standardizedFileURL.path + "/"
        for folder in Set(text.split(separator: "\n").map(String.init)) where folder.hasPrefix(rootPath) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard name.hasPrefix("."), name.hasSuffix(".tmp"), name.contains(marker) else { continue }
                unlink(folder + "/" + name)
                logger.notice("removed a temporary file of an interrupted run", metadata: ["file": "\(name)"])
            }
        }
        unlink(journal.path)
    }
}
