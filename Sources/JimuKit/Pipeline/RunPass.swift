import JimuSpec
import Logging

/// One pass of a job over its inputs, inside the ledger transaction of the run.
final class RunPass {
    /// What a finished pass hands back: files to publish and the summary.
    struct Finished {
        var runID: Int64
        var files: [OutputWriter.PreparedFile]
        var summary: RunSummary
    }

    let job: Job
    let context: RunContext
    let start: RunStart
    private var source: any RecordSource
    private let tables: [(input: String, table: LookupTable)]
    private let mapper: RecordMapper
    private let validator: RecordValidator
    private var writer: OutputWriter?
    private(set) var counts = RunCounts()
    private var rejects: RejectsWriter?
    private var rejectsPath = ""

    /// Opens the inputs, loads the lookup tables and resolves every column the job names.
    init(job: Job, context: RunContext, start: RunStart) throws {
        self.job = job
        self.context = context
        self.start = start
        let opener = InputOpener(root: context.project.root, overrides: context.inputOverrides)
        var tables: [(String, LookupTable)] = []
        for join in job.records.joins {
            guard let input = job.input(named: join.input) else { continue }
            let table = try opener.table(input)
            for (location, problem) in table.unreadable {
                context.logger.warning("lookup row skipped", metadata: ["at": "\(location)", "problem": "\(problem)"])
            }
            tables.append((join.input, table))
        }
        self.tables = tables
        source = try opener.open(job.input(named: job.records.from)!)
        mapper = try RecordMapper(job: job, columns: source.columns, tables: Dictionary(tables, uniquingKeysWith: { $1 }))
        validator = RecordValidator(job: job, schema: mapper.schema)
    }

    /// The files the main input read.
    var sourceFiles: [InputFileDigest] { source.files }

    /// The lookup tables and their inputs.
    var lookupTables: [(input: String, table: LookupTable)] { tables }

    /// Removes temporary files (failure or dry run).
    func discard() {
        writer?.discard()
    }

    /// Reads every record, issues the new ones and records the run.
    func execute(ledger: any LedgerTransaction) throws -> Finished {
        let runID = try ledger.startRun(start)
        let date = context.businessDate
        let run = runValues(runID: runID, date: date)
        let writer = OutputWriter(root: context.outputRoot, tag: "jimu-run\(runID)-\(context.pid)", dryRun: context.dryRun)
        self.writer = writer
        let renderContext = RenderContext(schema: mapper.schema, run: run, root: context.project.root, job: job)
        var outputs = try OutputSet(job: job, context: renderContext)
        let key = TemplateEvaluator(job.records.key, schema: mapper.schema, run: [:])
        rejectsPath = TemplateEvaluator(job.rejects, schema: nil, run: run, escape: PathValue.escape).render(nil)
        rejects = RejectsWriter(format: source.rejectsFormat, path: rejectsPath)

        while let record = try source.next() {
            counts.input += 1
            try process(record, key: key, outputs: &outputs, ledger: ledger, runID: runID, writer: writer)
        }
        try outputs.finish(to: writer)
        precondition(counts.balanced, "every record must end issued, rejected or skipped")
        let files = try writer.prepare()
        return try record(runID: runID, date: date, files: files, outputs: outputs, ledger: ledger)
    }

    // MARK: - Private

    private func process(
        _ source: SourceRecord, key: TemplateEvaluator, outputs: inout OutputSet, ledger: any LedgerTransaction,
        runID: Int64, writer: OutputWriter
    ) throws {
        if let problem = source.problem {
            return try reject(source, Rejection(field: problem.columnName, rule: "input", message: problem.description), ledger, runID, writer)
        }
        var record: Record
        switch mapper.map(source) {
        case .success(let mapped): record = mapped
        case .failure(let rejection): return try reject(source, rejection, ledger, runID, writer)
        }
        if let rejection = validator.check(record) { return try reject(source, rejection, ledger, runID, writer) }
        record.key = key.render(record)
        guard !record.key.isEmpty else {
            return try reject(source, Rejection(rule: "key", message: "the record key '\(job.records.key)' is empty"), ledger, runID, writer)
        }
        let pending: OutputSet.Pending
        do { pending = try outputs.prepare(record) } catch {
            return try reject(source, Rejection(rule: "render", message: error.message), ledger, runID, writer)
        }
        guard try ledger.claim(job: job.id, key: record.key, run: runID) else {
            counts.skipped += 1
            let issuer = try ledger.issuer(job: job.id, key: record.key)
            let reason = issuer == runID ? "an earlier record of this run has the same key" : "already issued by run \(issuer ?? 0)"
            context.logger.debug("skipped", metadata: ["at": "\(source.location)", "reason": "\(reason)"])
            return
        }
        try outputs.apply(pending, to: writer)
        counts.issued += 1
    }

    private func reject(
        _ source: SourceRecord, _ rejection: Rejection, _ ledger: any LedgerTransaction, _ runID: Int64,
        _ writer: OutputWriter
    ) throws {
        counts.rejected += 1
        let at = source.location.description
        try writer.write(rejects!.bytes(for: source, reason: "\(at): \(rejection.message)"), to: rejectsPath)
        try ledger.recordReject(run: runID, location: at, rule: rejection.rule, field: rejection.field, reason: rejection.maskedMessage)
        context.logger.info("rejected", metadata: ["at": "\(at)", "reason": "\(rejection.maskedMessage)"])
    }

    private func runValues(runID: Int64, date: LocalDate) -> [String: String] {
        let clock = context.timestamp
        let time = clock.count >= 19 ? String(clock.dropFirst(11).prefix(8)).replacingOccurrences(of: ":", with: "") : ""
        return [
            "job": job.id, "run_id": String(runID), "run_date": date.iso, "run_time": time,
            "fiscal_year": String(date.fiscalYear), "input": job.records.from,
        ]
    }
}
