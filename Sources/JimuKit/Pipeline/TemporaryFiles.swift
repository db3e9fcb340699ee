import Foundation
import JimuSpec
import Logging

/// The temporary files a run writes beside its outputs, named `.<file>.jimu-<job>-run<id>-<pid>.tmp`.
/// A process killed with SIGKILL leaves them behind; the next run of the job, which holds the
/// job's lock, knows no other run of the job is writing and removes them.
enum TemporaryFiles {
    static func tag(job: String, run: Int64, pid: Int) -> String {
        "jimu-\(job)-run\(run)-\(pid)"
    }

    /// Removes temporary files of earlier, dead runs of a job under its output folders.
    static func removeStale(of job: Job, under root: URL, logger: Logger) {
        let marker = ".jimu-\(job.id)-run"
        for folder in folders(of: job, under: root) {
            guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files {
                let name = file.lastPathComponent
                guard name.hasPrefix("."), name.hasSuffix(".tmp"), name.contains(marker) else { continue }
                try? FileManager.default.removeItem(at: file)
                logger.notice("removed a temporary file of an interrupted run", metadata: ["file": "\(name)"])
            }
        }
    }

    /// The fixed leading folders of the job's output and rejects paths (`payment-list/{{run_date}}/…`
    /// → `payment-list`); the output root itself when a path starts with a template.
    private static func folders(of job: Job, under root: URL) -> Set<URL> {
        Set((job.outputs.map(\.to) + [job.rejects]).map { template in
            guard case .literal(let text)? = template.parts.first, let slash = text.lastIndex(of: "/") else { return root }
            return root.appendingPathComponent(String(text[..<slash])).standardizedFileURL
        })
    }
}
