import JimuSpec

/// A record read and formed: its source (for the rejects file) and either the keyed record with its
/// rendered bytes, or why it is rejected. A class, so handing it between threads costs one retain.
///
/// One thread owns it at a time: the reading thread until its batch is sent, then the issuing
/// thread, which takes the record out (`take()`) to fill in its number without copying it.
final class PreparedRecord: @unchecked Sendable {
    /// A record ready to issue.
    struct Formed: Sendable {
        var record: Record
        var rendered: [Outputs.Rendered]
    }

    let source: SourceRecord
    /// Why the record is not issued, when it is not.
    let rejection: Rejection?
    /// The key, when the record was formed: kept apart, so that claiming keys copies no record.
    let key: String?
    private var formed: Formed?

    init(source: SourceRecord, outcome: Result<Formed, Rejection>) {
        self.source = source
        switch outcome {
        case .success(let formed): (self.formed, key, rejection) = (formed, formed.record.key, nil)
        case .failure(let rejection): (formed, key, self.rejection) = (nil, nil, rejection)
        }
    }

    /// The formed record, moved out (nil for a rejected one).
    func take() -> Formed? {
        var taken: Formed?
        swap(&taken, &formed)
        return taken
    }

    /// Hands a record and its bytes back, so that they are freed with their batch on the reading
    /// thread that allocated them (a free from another thread costs glibc's allocator more).
    func giveBack(_ formed: consuming Formed) {
        self.formed = formed
    }
}

/// The pure half of a run: reads records, joins, types, validates, keys and renders them. It
/// touches neither the ledger nor the files, so it runs on its own thread while the other issues.
struct RecordPreparer {
    var source: any RecordSource
    var mapper: RecordMapper
    var validator: RecordValidator
    /// The job's `select:` checks; a record failing them is skipped.
    var selector: RecordValidator
    let key: TemplateEvaluator
    let keyTemplate: TextTemplate
    /// Set once the run's values (run id, date) are known.
    var outputs: Outputs?
    /// Records formed from the last source record and not yet handed out (an `each` join).
    private var pending: [PreparedRecord] = []

    init(
        source: any RecordSource, mapper: RecordMapper, validator: RecordValidator, selector: RecordValidator,
        key: TemplateEvaluator, keyTemplate: TextTemplate
    ) {
        (self.source, self.mapper, self.validator, self.selector) = (source, mapper, validator, selector)
        (self.key, self.keyTemplate) = (key, keyTemplate)
    }

    /// The next record, or nil at the end of the input.
    mutating func next() throws -> PreparedRecord? {
        if !pending.isEmpty { return pending.removeLast() }
        guard let record = try source.next() else { return nil }
        guard record.problem == nil, let expansions = mapper.expansions(of: record) else {
            return PreparedRecord(source: record, outcome: formAndRender(record, row: nil))
        }
        switch expansions {
        case .failure(let rejection):
            return PreparedRecord(source: record, outcome: .failure(rejection))
        case .success(let rows):
            let table = mapper.eachTable!
            for row in rows.reversed() {
                var expanded = record
                expanded.location.row = table.location(of: row).description
                pending.append(PreparedRecord(source: expanded, outcome: formAndRender(expanded, row: row)))
            }
            return pending.removeLast()
        }
    }

    private mutating func formAndRender(_ source: SourceRecord, row: Int?) -> Result<PreparedRecord.Formed, Rejection> {
        let record: Record
        switch form(source, row: row) {
        case .success(let formed): record = formed
        case .failure(let rejection): return .failure(rejection)
        }
        guard outputs != nil else { return .success(PreparedRecord.Formed(record: record, rendered: [])) }
        do {
            return .success(PreparedRecord.Formed(record: record, rendered: try outputs!.render(record)))
        } catch {
            return .failure(Rejection(rule: "render", message: error.message))
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
