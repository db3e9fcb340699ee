import Crypto
import Foundation
import JimuSpec
import Logging

/// One pass of a job over its inputs, inside the ledger transaction of the run.
///
/// Every record goes the same way: read → map → validate → key (on the reading thread,
/// `RecordPreparer`) → claim → issue rules → render → write (here, in input order). Each batch's
/// keys are claimed in one ordered pass over the ledger index.
final class RunPass {
    /// What a finished pass hands back: files to publish and the summary.
    struct Finished {
        var runID: Int64
        var files: [OutputWriter.PreparedFile]
        var summary: RunSummary
    }

    let job: Job
    /// The run's context; its logger names the job, and the run once it has an id, on every line.
    private(set) var context: RunContext
    let start: RunStart
    private let opener: InputOpener
    private let tables: [(input: String, table: any JoinTable)]
    private var writer: OutputWriter?
    private(set) var counts = RunCounts()
    private(set) var sourceFiles: [InputFileDigest] = []
    /// The records skipped so far, by runs of consecutive records skipped for one reason (`SkippedRecords`).
    private(set) var skipped: [(first: RecordLocation, last: RecordLocation, count: Int, reason: Skip)] = []
    /// The input count at the last skipped record: the next one continues its run when consecutive.
    private var lastSkipped = -1
    private var rejects: RejectsWriter?

    /// Loads the lookup tables.
    init(job: Job, context: RunContext, start: RunStart) throws {
        self.job = job
        self.context = context
        self.context.logger[metadataKey: "job"] = "\(job.id)"
        self.start = start
        opener = InputOpener(project: context.project, overrides: context.inputOverrides)
        var tables: [(String, any JoinTable)] = []
        for join in job.records.joins {
            guard let input = job.input(named: join.input) else { continue }
            let table = try opener.table(input)
            for (location, problem) in table.unreadable {
                context.logger.warning("lookup row skipped", metadata: ["at": "\(location)", "problem": "\(problem)"])
            }
            tables.append((join.input, table))
        }
        self.tables = tables
    }

    /// The rejects file of this pass, relative to the output root.
    var rejectsPath: String? { rejects?.path }

    /// The lookup tables and their inputs.
    var lookupTables: [(input: String, table: any JoinTable)] { tables }

    /// Removes temporary files (failure or dry run).
    func discard() {
        writer?.discard()
    }

    /// Reads every record, issues the new ones and records the run.
    func execute(ledger: any LedgerTransaction) throws -> Finished {
        let runID = try ledger.startRun(start)
        context.logger[metadataKey: "run"] = "\(runID)"
        let date = context.businessDate
        let run = RunValues(job: job, runID: runID, date: date, timestamp: context.timestamp, organisation: context.project.organisation)
        let source = try opener.open(job.input(named: job.records.from)!)
        let rejectsFormat = source.rejectsFormat
        let plan = try RunPlan(
            job: job, source: source, tables: Dictionary(tables, uniquingKeysWith: { $1 }), run: run, date: date,
            project: context.project, timestamp: context.timestamp)
        let writer = OutputWriter(
            root: context.outputRoot, tag: TemporaryFiles.tag(job: job.id, run: runID, pid: context.pid), dryRun: context.dryRun,
            access: try context.project.group.map(OutputFolders.Access.group) ?? .owner,
            journal: TemporaryFiles.journal(of: job, under: context.outputRoot))
        self.writer = writer
        rejects = RejectsWriter(format: rejectsFormat, path: plan.rejectsPath)
        let issuing = Issuing(
            runID: runID, ledger: ledger, writer: writer, rejectsPath: plan.rejectsPath,
            renewingBefore: job.records.reissueAfterDays.map { date.adding(days: -$0 + 1).iso },
            warningsField: plan.preparer.mapper.schema.index[RecordSchema.warningsField], fingerprint: plan.preparer.fingerprint,
            replaces: plan.replaces)
        var state = IssueState(
            outputs: OutputFiles(plan.outputs), rules: plan.rules, replacements: try ledger.hasReplacements(job: job.keyScope))
        if job.needsApproval {
            state.hold = TransferHold(job: job, outputs: plan.outputs, schema: plan.preparer.mapper.schema, seal: try context.transferSeal(holding: true))
        }
        state.approvals = ApprovalImport(job: job, schema: plan.preparer.mapper.schema, project: context.project, runDate: date)

        let reading = ReadingThread(preparer: plan.preparer, batchSize: context.batchSize)
        defer { reading.stop() }
        loop: while true {
            switch reading.receive() {
            case .batch(var batch):
                if let reason = context.cancellation.requested { throw Interrupted(reason: reason) }
                try issue(&batch, &state, issuing)
                reading.giveBack(batch)
                context.progress?(counts.input, reading.fractionRead)
            case .end(let files): sourceFiles = files; break loop
            case .failure(let error): throw error
            }
        }
        if let reason = context.cancellation.requested { throw Interrupted(reason: reason) }
        try state.outputs.finish(to: writer)
        try state.rules?.save(run: runID, ledger: ledger)
        precondition(counts.balanced, "every record must end issued, rejected or skipped")
        return try record(runID: runID, date: date, files: try writer.prepare(), outputs: state.outputs, ledger: ledger)
    }

    // MARK: - Private

    /// What issuing records needs.
    private struct Issuing {
        let runID: Int64
        let ledger: any LedgerTransaction
        let writer: OutputWriter
        let rejectsPath: String
        /// Keys last issued before this business date may be issued again.
        let renewingBefore: String?
        /// Where records keep the failures of `severity: warning` checks, if they do.
        let warningsField: Int?
        /// What keys are issued with, to describe a conflict.
        let fingerprint: Fingerprint.Maker?
        /// The key of the document a record replaces, when the job has corrections.
        let replaces: ReplacedKey?
    }

    /// What issuing keeps from record to record: the open output files, the numbers and drawings.
    private struct IssueState {
        var outputs: OutputFiles
        var rules: IssueRules?
        /// Whether some key of the scope replaced another: only then is each key asked about.
        var replacements: Bool
        /// What a job under approval keeps of each order, and the orders of the batch so far.
        var hold: TransferHold?
        var held: [HeldOrder] = []
        /// The orders a job of 電子決裁 results approves.
        var approvals: ApprovalImport?
    }

    /// Claims a batch's keys, then takes each record to its end: rejected, skipped or issued.
    private func issue(_ batch: inout [PreparedRecord], _ state: inout IssueState, _ issuing: Issuing) throws {
        var keys: [String] = [], fingerprints: [Fingerprint?] = []
        keys.reserveCapacity(batch.count)
        fingerprints.reserveCapacity(batch.count)
        for index in batch.indices {  // by index: a `for … in` would copy every record
            guard let key = batch[index].key else { continue }
            keys.append(key)
            fingerprints.append(batch[index].fingerprint)
        }
        var claims = try issuing.ledger.claim(
            job: job.keyScope, keys: keys, fingerprints: fingerprints, run: issuing.runID, renewingBefore: issuing.renewingBefore
        ).makeIterator()
        // Keys claimed by this batch and released when their record was rejected: a later record
        // of the batch with the same key found it claimed, and claims it again (it is not issued).
        var released: Set<String> = []
        for index in batch.indices {
            counts.input += 1
            var claimed = batch[index].key != nil && claims.next() == true
            if !claimed, let key = batch[index].key, released.remove(key) != nil {
                claimed = try issuing.ledger.claim(
                    job: job.keyScope, keys: [key], fingerprints: [batch[index].fingerprint], run: issuing.runID,
                    renewingBefore: issuing.renewingBefore
                ) == [true]
            }
            switch try issue(&batch[index], claimed: claimed, &state, issuing) {
            case .notFormed(let rejection) where rejection.rule == Rejection.unselected:
                counts.skipped += 1
                skip(batch[index].source.location, .unselected(rejection.maskedMessage), issuing)
            case .notFormed(let rejection):
                try reject(batch[index].source, rejection, issuing)
            case .skipped(let issuer):
                counts.skipped += 1
                skip(batch[index].source.location, .issued(run: issuer.run, asOf: issuer.asOf), issuing)
            case .conflict(let rejection):
                try reject(batch[index].source, rejection, issuing)
            case .rejected(let rejection):
                try issuing.ledger.release(job: job.keyScope, key: batch[index].key!, run: issuing.runID)
                released.insert(batch[index].key!)
                try reject(batch[index].source, rejection, issuing)
            case .issued:
                counts.issued += 1
            }
        }
        try state.rules?.flush(run: issuing.runID, ledger: issuing.ledger)
        if !state.held.isEmpty {
            try issuing.ledger.recordOrders(state.held, run: issuing.runID, keyScope: job.keyScope)
            state.held.removeAll(keepingCapacity: true)
        }
    }

    private enum Outcome {
        /// Not formed (or not selected) on the reading thread.
        case notFormed(Rejection)
        /// Its key was issued before, with the same values, by this run.
        case skipped(EarlierIssue)
        /// Its key was issued with other values: rejected, the key left to what issued it.
        case conflict(Rejection)
        case rejected(Rejection)
        case issued
    }

    /// A record from its claim on: skipped when its key is issued, else through the issue rules
    /// (its number), rendered and written.
    private func issue(_ prepared: inout PreparedRecord, claimed: Bool, _ state: inout IssueState, _ issuing: Issuing) throws -> Outcome {
        guard prepared.key != nil else { return .notFormed(prepared.rejection!) }
        guard claimed else {
            guard let earlier = try issuing.ledger.issue(of: prepared.key!, job: job.keyScope) else {
                preconditionFailure("a key that cannot be claimed is issued")
            }
            return try conflict(of: prepared, earlier: earlier, issuing).map(Outcome.conflict) ?? .skipped(earlier)
        }
        // Moved out and back, not copied: the record is freed with its batch on the reading thread.
        var record = prepared.record.take()!
        let outcome = try issue(&record, ahead: prepared.rendered, &state, issuing)
        if case .issued = outcome, let field = issuing.warningsField, !record.values[field].isEmpty {
            context.logger.info("issued with warnings", metadata: ["at": "\(prepared.source.location)", "warnings": "\(record.values[field].text)"])
        }
        prepared.record = consume record
        return outcome
    }

    /// A claimed record through the issue rules (its number), rendered and written.
    private func issue(
        _ record: inout Record, ahead: Result<[Outputs.Rendered], RenderError>?, _ state: inout IssueState, _ issuing: Issuing
    ) throws -> Outcome {
        let replaced = issuing.replaces?.of(record)
        if let rejection = try replacing(record, replaced, afterReplacements: state.replacements, issuing) { return .rejected(rejection) }
        if let rejection = try state.rules?.apply(to: &record, ledger: issuing.ledger) { return .rejected(rejection) }
        if let rejection = try state.approvals?.check(record, ledger: issuing.ledger) { return .rejected(rejection) }
        let rendered: [Outputs.Rendered]
        do {
            rendered = try state.outputs.render(record, ahead: ahead)
            try state.outputs.add(record, rendered: rendered, to: issuing.writer)
        } catch let error as RenderError {
            return .rejected(Rejection(
                field: nil, rule: "render", message: error.message, maskedMessage: error.masked ?? record.maskingPersonal(in: error.message)))
        }
        try state.approvals?.commit(run: issuing.runID, ledger: issuing.ledger)
        let number = state.rules?.commit(record)
        if let hold = state.hold, let number {
            state.held.append(try hold.order(record, number: number, rendered: rendered))
        }
        if let replaced {
            try issuing.ledger.recordReplacement(of: replaced, by: record.key, job: job.keyScope, run: issuing.runID)
            state.replacements = true
        }
        return .issued
    }

    /// Why a record cannot be issued for a correction: it corrects a document that was issued, or
    /// a correction of it was issued. Either way only one of the two is paid.
    private func replacing(_ record: Record, _ replaced: String?, afterReplacements: Bool, _ issuing: Issuing) throws -> Rejection? {
        guard replaced != nil || afterReplacements else { return nil }
        if let replaced, let earlier = try issuing.ledger.issue(of: replaced, job: job.keyScope) {
            return Rejection(
                rule: "replaces",
                message: "it corrects '\(replaced)', issued \(try issued(replaced, by: earlier, issuing)): a corrected document is paid once; cancel the earlier order, then replay this record")
        }
        if afterReplacements, let (key, issue) = try issuing.ledger.replacement(of: record.key, job: job.keyScope) {
            return Rejection(
                rule: "replaces",
                message: "its correction '\(key)' was issued \(try issued(key, by: issue, issuing)): the original is not paid as well; check with the sender which one stands")
        }
        return nil
    }

    /// Why a record whose key was issued before is a conflict: it was issued with other values.
    private func conflict(of prepared: PreparedRecord, earlier: EarlierIssue, _ issuing: Issuing) throws -> Rejection? {
        guard let fingerprint = prepared.fingerprint, let before = earlier.fingerprint, before.digest != fingerprint.digest
        else { return nil }
        let by = try issued(prepared.key!, by: earlier, issuing)
        let values: String
        if let then = before.amount, let now = fingerprint.amount, then != now, let name = job.fingerprintAmountField {
            values = "\(name) \(then) → \(now)"
        } else {
            values = "this record has \(issuing.fingerprint.map { $0.describe(prepared.record!) } ?? "other values")"
        }
        return Rejection(
            rule: "conflict",
            message: "its key was issued \(by) with other values: \(values); correct the record, or cancel what was issued and issue it again")
    }

    /// How an issued key is named in a reason: `as 支出命令番号 000001 (令和8年度) by run 1 (2026-11-21)`.
    /// (This run's numbers reach the ledger batch by batch, so its own documents go unnamed: a
    /// reason never depends on the batch size.)
    private func issued(_ key: String, by issue: EarlierIssue, _ issuing: Issuing) throws -> String {
        guard issue.run != issuing.runID else { return "by an earlier record of this run" }
        let by = "by run \(issue.run) (\(issue.asOf))"
        guard let number = job.records.number, let document = try issuing.ledger.document(of: key, sequence: number.sequence) else { return by }
        return "as \(number.sequence) \(IssueRules.padded(document.number, to: number.digits)) (\(Wareki.fiscalYear(document.fiscalYear))) \(by)"
    }

    /// What a rejected record is known by on a later run: a digest of its bytes (or values) and
    /// the rule it failed, not of the reason, which may name the day.
    private static func identity(of source: SourceRecord, _ rejection: Rejection) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(rejection.rule)\u{1F}\(rejection.field ?? "")\u{1F}".utf8))
        if source.raw.isEmpty {
            hasher.update(data: Data(source.values.joined(separator: "\u{1F}").utf8))
        } else {
            source.raw.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return FileDigest.hex(hasher.finalize()).prefix(32).description
    }

    private func reject(_ source: SourceRecord, _ rejection: Rejection, _ issuing: Issuing) throws {
        counts.rejected += 1
        let at = source.location.description
        try issuing.writer.write(rejects!.bytes(for: source, reason: "\(at): \(rejection.message)"), to: issuing.rejectsPath)
        try issuing.ledger.recordReject(
            run: issuing.runID, location: at, rule: rejection.rule, field: rejection.field, reason: rejection.maskedMessage,
            record: Self.identity(of: source, rejection))
        context.logger.info("rejected", metadata: ["at": "\(at)", "reason": "\(rejection.maskedMessage)"])
    }

    /// Why a record was skipped.
    enum Skip: Equatable {
        /// Its key was issued by a run (this one, for an earlier record with the same key).
        case issued(run: Int64, asOf: String)
        /// It did not pass a `select:` check (the masked message).
        case unselected(String)

        func description(run: Int64) -> String {
            switch self {
            case .issued(let issuer, _) where issuer == run: "issued by an earlier record of this run"
            case .issued(let issuer, let asOf): "issued by run \(issuer) (\(asOf))"
            case .unselected(let message): "not selected: \(message)"
            }
        }
    }

    /// Counts a skipped record into the run of skipped records it continues, or starts one.
    private func skip(_ location: RecordLocation, _ reason: Skip, _ issuing: Issuing) {
        if context.logger.logLevel <= .debug {
            context.logger.debug("skipped", metadata: ["at": "\(location)", "reason": "\(reason.description(run: issuing.runID))"])
        }
        defer { lastSkipped = counts.input }
        if let last = skipped.indices.last, skipped[last].reason == reason, lastSkipped == counts.input - 1 {
            skipped[last].last = location
            skipped[last].count += 1
        } else {
            skipped.append((location, location, 1, reason))
        }
    }
}
