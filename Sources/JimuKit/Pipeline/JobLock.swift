import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A per-job OS file lock (`flock`), so two invocations never run the same job at once. The kernel
/// drops it when the process dies, so a stale lock never blocks.
public final class JobLock {
    private let descriptor: Int32
    /// The job.
    public let job: String
    /// The folder of the lock and its overlaps file.
    public let directory: URL

    /// Another run of the job holds the lock. The overlap is noted beside the lock, and the next run
    /// of the job records it in the ledger (which the running one has locked for writing).
    public struct Busy: Error, CustomStringConvertible {
        /// The job.
        public var job: String
        /// Who holds it, as written in the lock file.
        public var holder: String

        public var description: String {
            "job '\(job)' is already running (\(holder)); this run did nothing"
        }
    }

    /// Takes the lock of a job without waiting.
    /// - Throws: `Busy` when another process holds it; `OutputError` when the lock file cannot be made.
    public init(job: String, directory: URL, holder: String) throws {
        (self.job, self.directory) = (job, directory)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(job).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutputError.fromErrno(path, "create the lock file") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : "another process"
            let busy = Busy(job: job, holder: holder.trimmingCharacters(in: .whitespacesAndNewlines))
            Self.noteOverlap(busy, in: directory)
            throw busy
        }
        ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Takes the lock of a job for this process, naming pid, host and time as its holder: the one
    /// place a run or a tick takes it, before the ledger is opened (opening may wait for another
    /// run's transaction; a second run should end at once instead).
    public static func take(job: String, directory: URL) throws -> JobLock {
        let process = ProcessInfo.processInfo
        let since = Timestamp.iso8601(Date())
        return try JobLock(job: job, directory: directory, holder: "pid \(process.processIdentifier) on \(process.hostName) since \(since)")
    }

    /// Appends one line `time<TAB>pid<TAB>holder` to `<job>.overlaps` beside the lock. Writers and
    /// the reader hold the file's own `flock` while they touch it, so no line is ever lost.
    private static func noteOverlap(_ busy: Busy, in directory: URL) {
        let line = "\(Timestamp.iso8601(Date()))\t\(ProcessInfo.processInfo.processIdentifier)\t\(busy.holder)\n"
        let descriptor = open(overlapsPath(busy.job, directory), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Takes the overlaps noted since the last run: time, pid, holder.
    public func takeOverlaps() -> [(time: String, pid: Int, holder: String)] {
        let descriptor = open(Self.overlapsPath(job, directory), O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(descriptor, &buffer, buffer.count), count > 0 { data.append(contentsOf: buffer[0..<count]) }
        ftruncate(descriptor, 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            return parts.count == 3 ? (parts[0], Int(parts[1]) ?? 0, parts[2]) : nil
        }
    }

    private static func overlapsPath(_ job: String, _ directory: URL) -> String {
        directory.appendingPathComponent("\(job).overlaps").path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
