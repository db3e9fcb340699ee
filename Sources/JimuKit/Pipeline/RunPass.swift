import JimuSpec
import Logging

/// One pass of a job over its inputs, inside the ledger transaction of the run.
///
/// Records are read, formed and keyed on a reading thread (`RecordPreparer`) and arrive here in
/// batches; each batch's keys are claimed in one ordered pass over the ledger index, then the
/// claimed records are rendered and written in input order.
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
    private let preparer: RecordPreparer
    private let rejectsFormat: RejectsFormat
    private let tables: [(input: String, table: LookupTable)]
    private var writer: OutputWriter?
    private(set) var counts = RunCounts()
    private(set) var sourceFiles: [InputFileDigest] = []
    private var rejects: RejectsWriter?

    /// Opens the inputs, loads the lookup tables and resolves every column the job names.
    init(job: Job, context: RunContext, start: RunStart) throws {
        self.job = job
        self.context = context
        self.start = start
        let opener = InputOpener(root: context.project.root, overrides: context.inputOverrides, bankMaster: context.project.bankMaster)
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
        let source = try opener.open(job.input(named: job.records.from)!)
        rejectsFormat = source.rejectsFormat
        let date = context.businessDate
        let mapper = try RecordMapper(
            job: job, columns: source.columns, tables: Dictionary(tables, uniquingKeysWith: { $1 }),
            run: [
                "job": job.id, "run_date": date.iso, "fiscal_year": String(date.fiscalYear),
                "organisation": context.project.organisation,
            ], office: .office(of: context.project))
        preparer = RecordPreparer(
            source: source, mapper: mapper, validator: RecordValidator(job: job, schema: mapper.schema),
            selector: RecordValidator(job: job, schema: mapper.schema, selecting: true),
            key: TemplateEvaluator(job.records.key, schema: mapper.schema, run: [:]), keyTemplate: job.records.key)
    }

    /// The rejects file of this pass, relative to the output root.
    var rejectsPath: String? { rejects?.path }

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
        let writer = OutputWriter(root: context.outputRoot, tag: TemporaryFiles.tag(job: job.id, run: runID, pid: context.pid), dryRun: context.dryRun)
        self.writer = writer
        let renderContext = RenderContext(
            schema: preparer.mapper.schema, run: run, root: context.project.root, job: job, zengin: context.project.zengin,
            timestamp: context.timestamp)
        var preparer = self.preparer
        let rendering = try Outputs(job: job, context: renderContext)
        var rules = IssueRules(job: job, schema: preparer.mapper.schema, runDate: date)
        // Records are rendered on the reading thread, or on this one once they have their number.
        if !rendering.rendersOnIssue { preparer.outputs = rendering }
        var outputs = OutputFiles(rendering)
        let rejectsPath = TemplateEvaluator(job.rejects, schema: nil, run: run, escape: PathValue.escape).render(nil)
        rejects = RejectsWriter(format: rejectsFormat, path: rejectsPath)
        let issuing = Issuing(
            runID: runID, ledger: ledger, writer: writer, rejectsPath: rejectsPath,
            renewingBefore: job.records.reissueAfterDays.map { date.adding(days: -$0 + 1).iso },
            warningsField: preparer.mapper.schema.index[RecordSchema.warningsField])

        let reading = ReadingThread(preparer: preparer, batchSize: context.batchSize)
        reading.start()
        defer { reading.stop() }
        loop: while true {
            switch reading.receive() {
            case .batch(let batch):
                if let reason = context.cancellation.requested { throw Interrupted(reason: reason) }
                try issue(batch, outputs: &outputs, rules: &rules, issuing)
                reading.recycle(batch)
                context.progress?(counts.input)
            case .end(let files): sourceFiles = files; break loop
            case .failure(let error): throw error
            }
        }
        if let reason = context.cancellation.requested { throw Interrupted(reason: reason) }
        try outputs.finish(to: writer)
        try rules?.save(run: runID, ledger: ledger)
        precondition(counts.balanced, "every record must end issued, rejected or skipped")
        return try record(runID: runID, date: date, files: try writer.prepare(), outputs: outputs, ledger: ledger)
    }

    // MARK: - Private

    /// What issuing a batch needs.
    private struct Issuing {
        let runID: Int64
        let ledger: any LedgerTransaction
        let writer: OutputWriter
        let rejectsPath: String
        /// Keys last issued before this business date may be issued again.
        let renewingBefore: String?
        /// Where records keep the failures of `severity: warning` checks, if they do.
        let warningsField: Int?
    }

    private func issue(_ batch: [PreparedRecord], outputs: inout OutputFiles, rules: inout IssueRules?, _ issuing: Issuing) throws {
        let keyed = batch.compactMap(\.key)
        var claims = try issuing.ledger.claim(
            job: job.keyScope, keys: keyed, run: issuing.runID, renewingBefore: issuing.renewingBefore
        ).makeIterator()
        for prepared in batch {
            counts.input += 1
            guard var formed = prepared.take() else {
                let rejection = prepared.rejection!
                if rejection.rule == Rejection.unselected {
                    counts.skipped += 1
                    context.logger.debug("skipped", metadata: ["at": "\(prepared.source.location)", "reason": "not selected: \(rejection.maskedMessage)"])
                } else {
                    try reject(prepared.source, rejection, issuing)
                }
                continue
            }
            defer { prepared.giveBack(formed) }
            guard claims.next() == true else {
                counts.skipped += 1
                try logSkip(prepared.source, key: formed.record.key, issuing)
                continue
            }
            do {
                if let rejection = try rules?.apply(to: &formed.record, ledger: issuing.ledger) {
                    try issuing.ledger.release(job: job.keyScope, key: formed.record.key, run: issuing.runID)
                    try reject(prepared.source, rejection, issuing)
                    continue
                }
                // Bytes rendered here are freed here, not with the record on the reading thread.
                let rendered = outputs.rendersOnIssue ? try outputs.render(formed.record) : formed.rendered
                try outputs.add(formed.record, rendered: rendered, to: issuing.writer)
                rules?.commit(formed.record)
                counts.issued += 1
                if let field = issuing.warningsField, !formed.record.values[field].isEmpty {
                    context.logger.info(
                        "issued with warnings", metadata: ["at": "\(prepared.source.location)", "warnings": "\(formed.record.values[field].text)"])
                }
            } catch let error as RenderError {
                try issuing.ledger.release(job: job.keyScope, key: formed.record.key, run: issuing.runID)
                try reject(prepared.source, Rejection(rule: "render", message: error.message), issuing)
            }
        }
        try rules?.flush(run: issuing.runID, ledger: issuing.ledger)
    }

    private func reject(_ source: SourceRecord, _ rejection: Rejection, _ issuing: Issuing) throws {
        counts.rejected += 1
        let at = source.location.description
        try issuing.writer.write(rejects!.bytes(for: source, reason: "\(at): \(rejection.message)"), to: issuing.rejectsPath)
        try issuing.ledger.recordReject(
            run: issuing.runID, location: at, rule: rejection.rule, field: rejection.field, reason: rejection.maskedMessage)
        context.logger.info("rejected", metadata: ["at": "\(at)", "reason": "\(rejection.maskedMessage)"])
    }

    private func logSkip(_ source: SourceRecord, key: String, _ issuing: Issuing) throws {
        guard context.logger.logLevel <= .debug else { return }
        let issuer = try issuing.ledger.issuer(job: job.keyScope, key: key)
        let reason = issuer == issuing.runID ? "an earlier record of this run has the same key" : "already issued by run \(issuer ?? 0)"
        context.logger.debug("skipped", metadata: ["at": "\(source.location)", "reason": "\(reason)"])
    }

    private func runValues(runID: Int64, date: LocalDate) -> [String: String] {
        let clock = context.timestamp
        let time = clock.count >= 19 ? String(clock.dropFirst(11).prefix(8)).replacingOccurrences(of: ":", with: "") : ""
        return [
            "job": job.id, "run_id": String(runID), "run_date": date.iso, "run_time": time,
            "fiscal_year": String(date.fiscalYear), "input": job.records.from, "organisation": context.project.organisation,
        ]
    }
}
