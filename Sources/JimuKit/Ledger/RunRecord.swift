import JimuSpec
/// What is known when a run starts.
public struct RunStart: Sendable {
    /// The job id.
    public var job: String
    /// The job title.
    public var title: String?
    /// The job file as named.
    public var jobFile: String
    /// SHA-256 of the job file.
    public var jobSHA256: String
    /// The business date of the run (`--as-of` or today in the project's time zone).
    public var asOf: String
    /// When it started (ISO 8601 with offset).
    public var startedAt: String
    /// The host name.
    public var host: String
    /// The user running it.
    public var user: String
    /// The process id.
    public var pid: Int
    /// What the run does: issue documents, or approve, cancel or release orders.
    public var kind = RunKind.issue

    /// Creates a value.
    public init(
        job: String, title: String?, jobFile: String, jobSHA256: String, asOf: String, startedAt: String,
        host: String, user: String, pid: Int
    ) {
        self.job = job
        self.title = title
        self.jobFile = jobFile
        self.jobSHA256 = jobSHA256
        self.asOf = asOf
        self.startedAt = startedAt
        self.host = host
        self.user = user
        self.pid = pid
    }
}

/// The counts and end of a run.
public struct RunResult: Sendable {
    /// The final status.
    public var status: RunStatus
    /// Records read.
    public var input: Int
    /// Records issued.
    public var issued: Int
    /// Records rejected.
    public var rejected: Int
    /// Records skipped as already issued.
    public var skipped: Int
    /// The rejects file, relative to the output root.
    public var rejectsFile: String?
    /// When it finished.
    public var finishedAt: String

    /// Creates a value.
    public init(
        status: RunStatus, input: Int, issued: Int, rejected: Int, skipped: Int, rejectsFile: String?,
        finishedAt: String
    ) {
        self.status = status
        self.input = input
        self.issued = issued
        self.rejected = rejected
        self.skipped = skipped
        self.rejectsFile = rejectsFile
        self.finishedAt = finishedAt
    }
}

/// An output file as recorded.
public struct OutputRecord: Sendable, Equatable {
    /// Relative to the output root.
    public var path: String
    /// Absolute final location.
    public var absolutePath: String
    /// Where the bytes wait until published.
    public var temporaryPath: String
    /// SHA-256.
    public var sha256: String
    /// Bytes.
    public var size: Int
    /// `csv`, `html`, `rejects`, ….
    public var kind: String
    /// Records in it.
    public var records: Int

    /// Creates a value.
    public init(
        path: String, absolutePath: String, temporaryPath: String, sha256: String, size: Int, kind: String,
        records: Int
    ) {
        self.path = path
        self.absolutePath = absolutePath
        self.temporaryPath = temporaryPath
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.records = records
    }
}

/// Minutes credited to a run at the baseline in force; written by runs, read back by reports.
public struct SavingsCredit: Sendable, Equatable {
    /// The run.
    public var run: Int64
    /// The job.
    public var job: String
    /// The job's title at the time of the run (read back from the run; not written).
    public var title: String?
    /// The fiscal year of the run date.
    public var fiscalYear: Int
    /// The run date.
    public var runDate: String
    /// Issued records.
    public var records: Int
    /// Minutes saved.
    public var minutes: Double
    /// The baseline used.
    public var baseline: SavingsBaseline

    /// Creates a value.
    public init(
        run: Int64, job: String, title: String? = nil, fiscalYear: Int, runDate: String, records: Int,
        minutes: Double, baseline: SavingsBaseline
    ) {
        self.run = run
        self.job = job
        self.title = title
        self.fiscalYear = fiscalYear
        self.runDate = runDate
        self.records = records
        self.minutes = minutes
        self.baseline = baseline
    }
}

/// One run as listed by `jimu runs`.
public struct RunRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var job: String
    public var status: String
    public var startedAt: String
    public var finishedAt: String?
    public var asOf: String
    public var input: Int
    public var issued: Int
    public var rejected: Int
    public var skipped: Int
    public var rejectsFile: String?
    public var message: String?
    /// What the run did: issue documents, or approve, cancel or release orders.
    public var kind = RunKind.issue
}

/// One run in full, for `jimu show`.
/// Consecutive records of a run skipped for one reason: where they are, and why (`issued by run 1
/// (2026-11-21)`, or the `select:` check they did not pass, masked). No key or value is kept.
public struct SkippedRecords: Sendable, Equatable {
    /// The first and last record's location (the same for one record).
    public var first: String
    public var last: String
    public var count: Int
    public var reason: String

    public init(first: String, last: String, count: Int, reason: String) {
        (self.first, self.last, self.count, self.reason) = (first, last, count, reason)
    }
}

public struct RunDetail: Sendable {
    /// The run's row.
    public var run: RunRecord
    /// Host, user, pid, job file and hash.
    public var host: String
    public var user: String
    public var pid: Int
    public var jobFile: String
    public var jobSHA256: String
    /// Input files with hashes.
    public var inputs: [(input: String, file: InputFileDigest)]
    /// Output files with hashes.
    public var outputs: [OutputRecord]
    /// Rejects: location, rule, field, masked reason.
    public var rejects: [(location: String, rule: String, field: String?, reason: String)]
    /// Skipped records, as runs of consecutive records skipped for one reason.
    public var skipped: [SkippedRecords] = []
    /// Minutes credited.
    public var creditedMinutes: Double?
}
