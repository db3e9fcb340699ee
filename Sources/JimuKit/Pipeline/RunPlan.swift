import JimuSpec

/// What a run compiles from its job once, before the first record: the record schema and the
/// mapper, the checks, the key, the outputs and the issue rules, all over the one set of run
/// values. `jimu check` compiles the same plan (with stand-in run values), so a job that checks
/// clean also starts clean.
struct RunPlan {
    /// The run values every template of the job sees.
    let run: RunValues
    /// Reads, forms, checks and keys records; it moves to the reading thread.
    var preparer: RecordPreparer
    /// The job's outputs.
    let outputs: Outputs
    /// Dates, numbers and balances, when the job has them.
    let rules: IssueRules?
    /// The rejects file, relative to the output root.
    let rejectsPath: String
    /// The key of the document each record replaces (`replaces:`), when the job has corrections.
    let replaces: ReplacedKey?

    /// Compiles a job against its opened main input and lookup tables.
    /// - Throws: `ConfigurationError` naming every unknown column and unusable layout or template.
    init(
        job: Job, source: any RecordSource, tables: [String: any JoinTable], run: RunValues, date: LocalDate, project: ProjectConfig,
        timestamp: String
    ) throws {
        self.run = run
        let mapper = try RecordMapper(job: job, columns: source.columns, tables: tables, run: run, office: .office(of: project))
        let schema = mapper.schema
        outputs = try Outputs(job: job, context: RenderContext(
            schema: schema, run: run, root: project.root, job: job, zengin: project.zengin, timestamp: timestamp))
        preparer = RecordPreparer(
            source: source, mapper: mapper, validator: RecordValidator(job: job, schema: schema),
            selector: RecordValidator(job: job, schema: schema, selecting: true),
            key: TemplateEvaluator(job.records.key, schema: schema, run: run), keyTemplate: job.records.key,
            fingerprint: Fingerprint.Maker(job: job, schema: schema),
            outputs: outputs.rendersAhead ? outputs : nil)
        rules = IssueRules(job: job, schema: schema, runDate: date, project: project)
        rejectsPath = TemplateEvaluator(job.rejects, schema: nil, run: run, escape: PathValue.escape).render(nil)
        replaces = job.records.replaces.map { template in
            ReplacedKey(
                evaluator: TemplateEvaluator(template, schema: schema, run: run),
                fields: template.fieldNames.compactMap { schema.index[$0] })
        }
    }
}

/// The key of the document a record replaces (`replaces:`): none when a field the template names
/// is empty (an invoice without a BillingReference), or when it is the record's own key.
struct ReplacedKey {
    let evaluator: TemplateEvaluator
    let fields: [Int]

    func of(_ record: Record) -> String? {
        guard !fields.contains(where: { record.values[$0].isEmpty }) else { return nil }
        let key = evaluator.render(record)
        return key.isEmpty || key == record.key ? nil : key
    }
}
