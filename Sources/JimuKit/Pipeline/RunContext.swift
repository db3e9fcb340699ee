import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JimuSpec
import Logging

/// Everything a run needs from outside the job file, injected so tests control it.
public struct RunContext {
    /// The project config (root, output root, time zone).
    public var project: ProjectConfig
    /// The ledger.
    public var ledger: any Ledger
    /// The clock.
    public var clock: any Clock
    /// Go through the same steps but write nothing.
    public var dryRun = false
    /// The business date of the run; defaults to today in the project's time zone.
    public var asOf: LocalDate?
    /// Input files given on the command line (`--input NAME=PATH`), e.g. a fixed rejects file to replay.
    public var inputOverrides: [String: URL] = [:]
    /// The job's lock, taken (`JobLock.take`) before the ledger was opened and held for the run;
    /// nil for a dry run or a test of one process. Overlaps noted beside it are recorded by the run.
    public var lock: JobLock?
    /// Set by signal handlers to stop the run between batches.
    public var cancellation = Cancellation()
    /// Told the number of records read so far after each batch, and how much of the input that
    /// is (0…1) when the input can tell (a progress display).
    public var progress: (@Sendable (Int, Double?) -> Void)?
    /// Records handed from the reading thread to the issuing one at a time. Small enough that the
    /// records in flight (four batches) stay in the CPU's cache: 100,000 orders run about 7 % faster
    /// than with batches of 1,024.
    public var batchSize = 256
    /// Log sink; personal values are masked before they reach it.
    public var logger = Logger(label: "jimu")
    /// Who and where, for the ledger.
    public var host = ProcessInfo.processInfo.hostName
    /// The user running the job.
    public var user = Person.current()
    /// The process id.
    public var pid = Int(ProcessInfo.processInfo.processIdentifier)

    /// A context with defaults.
    /// The ledger's file, when it has one (or will have): the output root is bound to it
    /// (`LedgerBinding`).
    public var ledgerPath: String?
    /// Why a new or empty ledger starts over beside the outputs of another (`--new-ledger`).
    public var newLedgerReason: String?

    public init(project: ProjectConfig, ledger: any Ledger, clock: any Clock = SystemClock()) {
        self.project = project
        self.ledger = ledger
        self.clock = clock
    }

    /// The key sealing the transfers of orders under approval (`TransferSeal`): the project's key
    /// file. An issuing run (`holding`) makes it on first use, or, in a dry run, which keeps
    /// nothing, takes a key of the moment; a release or cancellation opens it as it is.
    func transferSeal(holding: Bool) throws -> TransferSeal {
        if holding, dryRun { return .ephemeral() }
        let url = project.resolveOwn(project.approval?.transferKey ?? ApprovalConfig().transferKey)
        do { return try TransferSeal.load(url, create: holding) } catch let failure as TransferSeal.Failure {
            throw LedgerRefused(message: failure.description)
        }
    }

    /// How a run of a job starts: who, where, when, and the job file's digest.
    func start(of job: Job, kind: RunKind) -> RunStart {
        let jobBytes = FileManager.default.contents(atPath: job.url.path) ?? Data()
        var start = RunStart(
            job: job.id, title: job.title, jobFile: job.file, jobSHA256: FileDigest.hex(SHA256.hash(data: jobBytes)),
            asOf: businessDate.iso, startedAt: timestamp, host: host, user: user, pid: pid)
        start.kind = kind
        return start
    }

    /// The output root.
    public var outputRoot: URL { project.resolveOwn(project.outputRoot) }

    /// The business date: `asOf`, else today in the project's time zone.
    public var businessDate: LocalDate {
        asOf ?? ScheduleSlot.current(clock: clock, timeZone: project.timeZone).date
    }

    /// `now` as ISO 8601 with the project's offset, e.g. `2026-11-21T07:30:00+09:00`.
    public var timestamp: String {
        Timestamp.iso8601(clock.now(), in: TimeZone(identifier: project.timeZone) ?? .current)
    }
}
