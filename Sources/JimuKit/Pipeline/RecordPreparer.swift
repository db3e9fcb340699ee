import JimuSpec

/// A record read and formed on the reading thread: where it came from (for the rejects file), and
/// either the keyed record or why it is not issued. The issuing thread numbers the record in place.
struct PreparedRecord: Sendable {
    let source: SourceRecord
    /// The key, when the record was formed: kept apart, so that claiming keys copies no record.
    let key: String?
    /// What the key is issued with, when the job keeps fingerprints.
    let fingerprint: Fingerprint?
    /// The keyed record, when it was formed. The issuing thread moves it out to number it and puts
    /// it back, so that it is freed with its batch on the reading thread.
    var record: Record?
    /// Why the record is not issued, when it was not formed (or not selected).
    var rejection: Rejection? { rejectionBox?.value }
    private let rejectionBox: Boxed<Rejection>?
    /// The record's bytes for every output, when they were rendered ahead (see `Outputs.rendersAhead`):
    /// consulted only once the record is claimed and has passed the issue rules.
    var rendered: Result<[Outputs.Rendered], RenderError>?

    init(source: consuming SourceRecord, rejection: Rejection) {
        (self.source, key, record, rejectionBox) = (source, nil, nil, Boxed(rejection))
        (fingerprint, rendered) = (nil, nil)
    }

    init(
        source: consuming SourceRecord, record: consuming Record, fingerprint: Fingerprint?,
        rendered: consuming Result<[Outputs.Rendered], RenderError>?
    ) {
        (self.source, key, self.record, rejectionBox) = (source, record.key, record, nil)
        (self.fingerprint, self.rendered) = (fingerprint, rendered)
    }
}

/// The pure half of a run: reads records, joins, types, validates, keys and (when the outputs do
/// not wait for a document number) renders them. It touches neither the ledger nor the files, so it
/// runs on its own thread while the other issues.
struct RecordPreparer {
    var source: any RecordSource
    var mapper: RecordMapper
    var validator: RecordValidator
    /// The job's `select:` checks; a record failing them is skipped.
    var selector: RecordValidator
    let key: TemplateEvaluator
    let keyTemplate: TextTemplate
    /// The fingerprint of each keyed record, when the job keeps them.
    let fingerprint: Fingerprint.Maker?
    /// The outputs, when records are rendered ahead, here.
    var outputs: Outputs?
    /// Records formed from the last source record and not yet handed out (an `each` join).
    private var pending: [PreparedRecord] = []

    init(
        source: any RecordSource, mapper: RecordMapper, validator: RecordValidator, selector: RecordValidator,
        key: TemplateEvaluator, keyTemplate: TextTemplate, fingerprint: Fingerprint.Maker?, outputs: Outputs?
    ) {
        (self.source, self.mapper, self.validator, self.selector) = (source, mapper, validator, selector)
        (self.key, self.keyTemplate, self.fingerprint, self.outputs) = (key, keyTemplate, fingerprint, outputs)
    }

    /// The next record, or nil at the end of the input.
    mutating func next() throws -> PreparedRecord? {
        if !pending.isEmpty { return pending.removeLast() }
        guard let record = try source.next() else { return nil }
        guard record.problem == nil, let expansions = mapper.expansions(of: record) else {
            return prepare(record, row: nil)
        }
        switch expansions {
        case .failure(let rejection):
            return PreparedRecord(source: record, rejection: rejection)
        case .success(let rows):
            let table = mapper.eachTable!
            for row in rows.reversed() {
                var expanded = record
                expanded.location.row = table.location(of: row).description
                pending.append(prepare(expanded, row: row))
            }
            return pending.removeLast()
        }
    }

    private mutating func prepare(_ source: consuming SourceRecord, row: Int?) -> PreparedRecord {
        switch form(source, row: row) {
        case .failure(let rejection):
            return PreparedRecord(source: source, rejection: rejection)
        case .success(let record):
            let fingerprint = fingerprint?.make(record)
            let rendered = outputs == nil ? nil : Result { () throws(RenderError) in try outputs!.render(record) }
            return PreparedRecord(source: source, record: record, fingerprint: fingerprint, rendered: rendered)
        }
    }

    private mutating func form(_ source: SourceRecord, row: Int?) -> Result<Record, Rejection> {
        if let problem = source.problem {
            return .failure(Rejection(field: problem.columnName, rule: "input", message: problem.description))
        }
        var mapped: RecordMapper.Mapped
        switch mapper.map(source, row: row) {
        case .success(let value): mapped = value
        case .failure(let rejection): return .failure(rejection)
        }
        if mapped.problems == nil, var unselected = selector.check(&mapped.record) {
            unselected.rule = Rejection.unselected
            return .failure(unselected)
        }
        let failed = validator.check(&mapped.record, skipping: mapped.unreadable)
        if let rejection = Rejection.combining([mapped.problems, failed].compactMap { $0 }) { return .failure(rejection) }
        var record = mapped.record
        record.key = key.render(record)
        guard !record.key.isEmpty else {
            return .failure(Rejection(rule: "key", message: "the record key '\(keyTemplate)' is empty"))
        }
        return .success(record)
    }
}
