/// The record of every run, issued key, output file, document number and savings credit.
///
/// A run happens inside one ledger transaction: claims of keys, rejects and outputs become visible
/// together when it commits, and vanish together if the process dies. SQLite is the embedded
/// default; a PostgreSQL ledger implements the same two protocols.
public protocol Ledger: AnyObject {
    /// Runs `body` in one write transaction; commits when `commit` is true, else rolls back (dry runs).
    func transaction<T>(commit: Bool, _ body: (any LedgerTransaction) throws -> T) throws -> T
    /// Records a run that failed before or during its transaction (which was rolled back).
    func recordFailedRun(_ start: RunStart, status: RunStatus, message: String) throws -> Int64
    /// Runs whose outputs were recorded but not yet all renamed into place (a crash in between).
    func unpublishedRuns(job: String) throws -> [(run: Int64, files: [OutputRecord])]
    /// Marks a run's outputs as in place.
    func markPublished(run: Int64, status: RunStatus) throws
    /// Run history, newest first.
    func runs(job: String?, limit: Int) throws -> [RunRecord]
    /// The latest run of every job that did something (not overlaps), by job.
    func latestRuns() throws -> [RunRecord]
    /// One run in full.
    func run(id: Int64) throws -> RunDetail?
    /// Savings credited to runs dated `from`…`through` (ISO dates), oldest first.
    func credits(from: String, through: String) throws -> [SavingsCredit]
    /// The newest schedule slot recorded for a job (`2026-11-24T07:30`).
    func lastSlot(job: String) throws -> String?
    /// Records what became of schedule slots: the run that served one, or why none did.
    func recordSlots(job: String, _ slots: [SlotRecord], at time: String) throws
    /// The slots of a job still waiting for a late input, oldest first.
    func waitingSlots(job: String) throws -> [SlotRecord]
    /// The schema version (the last applied migration).
    func schemaVersion() throws -> String
    /// The newest link of the chain (`LedgerChain`): its run and digest.
    func chainHead() throws -> (run: Int64, digest: String)?
    /// The ledger's id and how many runs it holds.
    func identity() throws -> LedgerIdentity
    /// Records that the ledger was started over on purpose beside another ledger's outputs.
    func recordStartOver(previous: String, reason: String, user: String, host: String, at: String) throws
}

extension LedgerTransaction {
    /// Calls `body` with each order a selection names, in number order, reading a page at a time:
    /// a release of a year's orders holds one page in memory, and `body` may move the orders.
    func eachOrder(_ selection: OrderSelection, pageSize: Int = 512, _ body: (Order) throws -> Void) throws {
        var page = selection
        page.limit = pageSize
        while true {
            let orders = try self.orders(page)
            for order in orders { try body(order) }
            guard orders.count == pageSize, let last = orders.last else { return }
            page.after = (last.number.fiscalYear, last.number.number)
        }
    }

    /// Claims keys without fingerprints.
    public func claim(job: String, keys: [String], run: Int64, renewingBefore: String? = nil) throws -> [Bool] {
        try claim(job: job, keys: keys, fingerprints: Array(repeating: nil, count: keys.count), run: run, renewingBefore: renewingBefore)
    }
}

/// The writes of one run.
public protocol LedgerTransaction {
    /// Starts a run; returns its id.
    func startRun(_ start: RunStart) throws -> Int64
    /// Claims keys for a job, each with the fingerprint of its record; false for each key already
    /// issued (by an earlier run, or earlier in this run or this batch, where the first in order
    /// wins). With `renewingBefore` (an ISO date), a key last issued by a run whose business date
    /// is before it is claimed again.
    func claim(job: String, keys: [String], fingerprints: [Fingerprint?], run: Int64, renewingBefore: String?) throws -> [Bool]
    /// How a key was issued: the run, its business date and the fingerprint, nil when it was not.
    func issue(of key: String, job: String) throws -> EarlierIssue?
    /// Gives a claimed key back (the record could not be written after all).
    func release(job: String, key: String, run: Int64) throws
    /// Records the records a run skipped and who issued them.
    func recordSkipped(run: Int64, _ skipped: [SkippedRecords]) throws
    /// The number a key was issued with in a sequence, if it was (the newest, should it be several).
    func document(of key: String, sequence: String) throws -> (fiscalYear: Int, number: Int)?
    /// Whether a key of the scope replaced another (a correction was issued).
    func hasReplacements(job: String) throws -> Bool
    /// The issued key that replaced `key`, with its run, if one did.
    func replacement(of key: String, job: String) throws -> (key: String, issue: EarlierIssue)?
    /// Records that `key`, issued by `run`, replaces the document of key `replaced`.
    func recordReplacement(of replaced: String, by key: String, job: String, run: Int64) throws

    /// Records the files an input read.
    func recordInputs(run: Int64, input: String, files: [InputFileDigest]) throws
    /// Records one rejected record with its masked reason, and a digest of the record and the rule
    /// it failed (`record`), by which a record rejected again on a later run is known.
    func recordReject(run: Int64, location: String, rule: String, field: String?, reason: String, record: String?) throws
    /// How many of a run's rejects no earlier run of the job rejected (the same record, for the same
    /// rule): those are worth a notification.
    func newRejects(run: Int64, job: String) throws -> Int
    /// Records output files.
    func recordOutputs(run: Int64, files: [OutputRecord]) throws
    /// Records the end of a run with its counts.
    func finishRun(run: Int64, result: RunResult) throws
    /// Credits saved minutes to a run.
    func credit(_ credit: SavingsCredit) throws
    /// The last number given in a sequence (文書番号, 支出命令番号) for a fiscal year, 0 for none.
    func lastNumber(sequence: String, fiscalYear: Int) throws -> Int
    /// Records numbers given to issued records; a number is never given twice (a unique index).
    func recordNumbers(_ issued: [IssuedNumber], run: Int64, job: String) throws
    /// Moves a sequence's last number forward.
    func saveLastNumber(sequence: String, fiscalYear: Int, value: Int) throws
    /// How much earlier runs drew on an account of a balance (a 支出負担行為).
    func drawn(balance: String, account: String) throws -> Int
    /// Records what a run drew per account.
    func recordDrawdowns(run: Int64, balance: String, _ amounts: [String: (amount: Int, records: Int)]) throws

    // MARK: 決裁 (orders under approval)

    /// Records orders issued under approval as 起票済 (pending), each with its sealed transfer.
    func recordOrders(_ orders: [HeldOrder], run: Int64, keyScope: String) throws
    /// The orders a selection names, in number order.
    func orders(_ selection: OrderSelection) throws -> [Order]
    /// Moves an order to a later state, appending the event (who, why, a new 振込指定日).
    func move(_ order: OrderNumber, _ change: OrderChange, run: Int64) throws
    /// An order's history, oldest first.
    func history(of order: OrderNumber) throws -> [OrderEvent]
    /// The sequences that have orders under approval.
    func orderSequences() throws -> [String]
    /// The orders of a sequence per 振込指定日 and state, with their totals (支払予定).
    func orderTotals(sequence: String, from: String?) throws -> [OrderTotal]
}

/// The orders of one 振込指定日 and job in one state: how many and how much.
public struct OrderTotal: Sendable, Equatable {
    public var paymentDate: String?
    public var job: String
    public var state: OrderState
    public var count: Int
    public var amount: Int
}

/// What became of a schedule slot.
public struct SlotRecord: Sendable, Equatable {
    /// The slot, `2026-11-24T07:30`.
    public var slot: String
    /// The run that served it.
    public var run: Int64?
    /// `succeeded`, `failed: …`, `waiting: …`, `skipped: …`.
    public var outcome: String
    /// Runs tried for it (more than one when it waited for a late input).
    public var attempts = 1
    /// The minute of the newest attempt, while it waits.
    public var lastAttempt: String?

    /// Whether the slot waits for a late input.
    public var isWaiting: Bool { outcome.hasPrefix(Self.waiting) }
    static let waiting = "waiting: "

    public init(slot: String, run: Int64? = nil, outcome: String, attempts: Int = 1, lastAttempt: String? = nil) {
        (self.slot, self.run, self.outcome, self.attempts, self.lastAttempt) = (slot, run, outcome, attempts, lastAttempt)
    }
}

/// A document number given to an issued record.
public struct IssuedNumber: Sendable, Equatable {
    public var key: String
    public var sequence: String
    public var fiscalYear: Int
    public var number: Int
}

/// The state of a run.
public enum RunStatus: String, Sendable, Codable {
    /// Everything issued; no rejects.
    case succeeded
    /// Finished; some records were rejected.
    case completedWithRejects = "completed_with_rejects"
    /// Recorded but outputs not yet all in place.
    case publishing
    /// Failed; nothing was issued.
    case failed
    /// Stopped by a signal; nothing was issued.
    case interrupted
    /// Started while another run of the job held its lock; did nothing.
    case overlapped
}

/// How a key was issued before.
public struct EarlierIssue: Sendable, Equatable {
    /// The run that issued it.
    public var run: Int64
    /// That run's business date.
    public var asOf: String
    /// The fingerprint it was issued with; nil for keys issued before fingerprints were kept.
    public var fingerprint: Fingerprint?

    /// Creates a value.
    public init(run: Int64, asOf: String, fingerprint: Fingerprint?) {
        (self.run, self.asOf, self.fingerprint) = (run, asOf, fingerprint)
    }
}
