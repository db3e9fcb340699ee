import JimuSpec

/// Forms typed records from source records: joins the lookup tables, then reads each field.
struct RecordMapper: Sendable {
    /// Where a field's text comes from.
    enum ColumnRef: Sendable {
        case main(Int)
        case joined(join: Int, column: Int)
        /// A computed field: its template, evaluated over the fields before it.
        case computed(TemplateEvaluator)
    }

    /// How a date field is moved onto the business calendar.
    private struct DateRule: Sendable {
        let calendar: BusinessCalendar
        let addDays: Int
        let move: BusinessDayMove?
        let calendarName: String
    }

    private struct Join: Sendable {
        let table: any JoinTable
        let on: [ColumnRef]
        let optional: Bool
        let each: Bool
        /// The earlier join whose row alone gives this join's key (a bank by the payee's bank and
        /// branch codes), if one does.
        let parent: Int?

        init(table: any JoinTable, on: [ColumnRef], optional: Bool, each: Bool) {
            (self.table, self.on, self.optional, self.each) = (table, on, optional, each)
            let joins = Set(on.map { ref -> Int? in if case .joined(let join, _) = ref { join } else { nil } })
            parent = joins.count == 1 ? joins.first! : nil
        }
    }

    /// The fields of every record.
    let schema: RecordSchema
    private let joins: [Join]
    private let fields: [ColumnRef]
    private let dateRules: [DateRule?]
    /// The `map:` (and `split:`) of each field.
    private let valueMaps: [(map: [String: String], split: String?)?]
    /// Fields read from a joined row depend on that row alone: each row's fields are read once, the
    /// first time a record is formed with it, in the order of `joinedFields.members[join]`.
    private var joinedRows = RowMemo<JoinedRow>()
    private let joinedFields: JoinGroups
    /// The row found for a join whose key comes from a parent join's row alone, kept by that
    /// parent row: looked up once per parent row.
    private var rowsByParent = RowMemo<Result<Int, Rejection>>()
    /// Dates read from the main input, by field and text: a list has few distinct dates, and
    /// parsing 和暦 and moving onto the calendar costs more than a lookup.
    private var dates: [[String: Reading]]
    /// For the record being mapped, the values of each join's row, and their readings when a
    /// field of the row failed.
    private var rowValues: [[FieldValue]]
    private var failing: [[Reading]?]

    /// Resolves every column a job names against the actual headers.
    /// - Throws: `ConfigurationError` naming each unknown column at its place in the job file.
    init(
        job: Job, columns: [String], tables: [String: any JoinTable], run: RunValues = [:], office: BusinessCalendar = .office
    ) throws {
        var problems: [Diagnostic] = []
        var joins: [Join] = []
        var mainFound = false
        var mainMissing: [String] = []
        func resolve(_ name: String, at path: KeyPath) -> ColumnRef? {
            if let prefix = job.joinPrefix(of: name), let joinIndex = job.records.joins.firstIndex(where: { $0.input == prefix }),
               joinIndex < joins.count
            {
                let column = String(name.dropFirst(prefix.count + 1))
                if let index = joins[joinIndex].table.columns.firstIndex(of: column) { return .joined(join: joinIndex, column: index) }
                let known = joins[joinIndex].table.columns
                problems.append(Diagnostic(
                    .error, "input '\(prefix)' has no column '\(column)'", at: path, location: job.sourceMap[path],
                    hint: Suggestion.hint(for: column, in: known) ?? "columns are \(known.joined(separator: ", "))"))
                return nil
            }
            if let index = columns.firstIndex(of: name) {
                mainFound = true
                return .main(index)
            }
            if !mainMissing.contains(name) { mainMissing.append(name) }
            problems.append(Diagnostic(
                .error, "input '\(job.records.from)' has no column '\(name)'", at: path, location: job.sourceMap[path],
                hint: Suggestion.hint(for: name, in: columns) ?? "columns are \(columns.joined(separator: ", "))"))
            return nil
        }
        for spec in job.records.joins {
            guard let table = tables[spec.input] else { continue }
            let on = spec.on.map { resolve($0, at: spec.keyPath.appending("on")) ?? .main(0) }
            joins.append(Join(table: table, on: on, optional: spec.optional, each: spec.each))
        }
        self.joins = joins
        (rowValues, failing) = (Array(repeating: [], count: joins.count), Array(repeating: nil, count: joins.count))
        let specs = job.records.fields ?? Self.allColumns(columns, joins: joins, keyPath: job.records.keyPath)
        // Text fields after the mapped ones, empty until the run fills them: the document number
        // when issued, the warnings when checked.
        let filledLater = (job.records.number.map { [$0.field] } ?? []) + (job.records.hasWarnings ? [RecordSchema.warningsField] : [])
        let myNumberFields = Set(job.records.validations.filter { $0.checks.contains { $0.rule == .myNumber } }.map(\.field))
        // Columns first: the schema records the join each field is read from, and computed fields
        // are compiled against the schema.
        let columnRefs = specs.map { spec in spec.value == nil ? resolve(spec.column, at: spec.keyPath.appending("column")) ?? .main(0) : nil }
        let schema = RecordSchema(
            names: specs.map(\.name) + filledLater, types: specs.map(\.type) + filledLater.map { _ in .text },
            personal: specs.map { $0.personal || myNumberFields.contains($0.name) } + filledLater.map { _ in false },
            joins: columnRefs.map { if case .joined(let join, _)? = $0 { join } else { nil } })
        self.schema = schema
        fields = zip(specs, columnRefs).map { spec, column in
            column ?? .computed(TemplateEvaluator(spec.value!, schema: schema, run: run))
        }
        valueMaps = specs.map { spec in spec.map.map { ($0, spec.split) } }
        dateRules = specs.map { spec in
            guard spec.type == .date, spec.businessDay != nil || spec.addBusinessDays > 0 else { return nil }
            let calendar: BusinessCalendar = spec.calendar == .bank ? .bank : office
            return DateRule(calendar: calendar, addDays: spec.addBusinessDays, move: spec.businessDay, calendarName: spec.calendar.rawValue)
        }
        let joinedFields = JoinGroups(fields.indices.map { schema.joins[$0] }, count: joins.count)
        self.joinedFields = joinedFields
        dates = Array(repeating: [:], count: fields.count)
        if !mainFound, mainMissing.count > 1 {
            // Not one column found: the first row is data, not a header (an export without its
            // header row). Its cells may be a person's name and 個人番号, so they are not shown.
            let unknown = "input '\(job.records.from)' has no column"
            let path = job.input(named: job.records.from)?.keyPath ?? job.records.keyPath
            problems = problems.filter { !$0.message.hasPrefix(unknown) } + [Diagnostic(
                .error, "the first row of input '\(job.records.from)' names none of the \(mainMissing.count) columns this job reads (\(mainMissing.prefix(4).joined(separator: ", "))…): the file seems to lack its header row",
                at: path, location: job.sourceMap[path],
                hint: "export it with column names in the first row; its cells are not shown, as they may be personal data")]
        }
        if !problems.isEmpty { throw ConfigurationError(problems) }
    }

    /// Every column of the main input (and `<input>.<column>` of joins) as a text field.
    private static func allColumns(_ columns: [String], joins: [Join], keyPath: KeyPath) -> [FieldSpec] {
        columns.map { FieldSpec(name: $0, column: $0, keyPath: keyPath) }
            + joins.flatMap { join in
                join.table.columns.map { FieldSpec(name: "\(join.table.name).\($0)", column: "\(join.table.name).\($0)", keyPath: keyPath) }
            }
    }

    /// The table of the `each` join, if the job has one.
    var eachTable: (any JoinTable)? {
        joins.first.flatMap { $0.each ? $0.table : nil }
    }

    /// The rows of the `each` join a source record is formed with, one record per row; nil when
    /// the job has no `each` join (one record per source record).
    func expansions(of source: SourceRecord) -> Result<[Int], Rejection>? {
        guard let join = joins.first, join.each else { return nil }
        return join.table.rows(for: key(of: join, source.values, []))
    }

    /// Maps one source record.
    /// - Parameter row: the row of the `each` join to form it with (from `expansions(of:)`).
    /// - Returns: the record (a field that cannot be read is left empty) with the reasons its fields
    ///   cannot be read, or why it cannot be formed at all (a failed join).
    mutating func map(_ source: SourceRecord, row: Int? = nil) -> Result<Mapped, Rejection> {
        var joined: [Int?] = []
        joined.reserveCapacity(joins.count)
        for (index, join) in joins.enumerated() {
            if join.each {
                joined.append(row)
                continue
            }
            let found: Result<Int, Rejection>
            if let parent = join.parent, let parentRow = joined[parent] {
                if let kept = rowsByParent[join: index, row: parentRow] {
                    found = kept
                } else {
                    found = join.table.row(for: key(of: join, source.values, joined))
                    rowsByParent[join: index, row: parentRow] = found
                }
            } else {
                found = join.table.row(for: key(of: join, source.values, joined))
            }
            switch found {
            case .success(let position): joined.append(position)
            case .failure(let rejection):
                guard join.optional else { return .failure(rejection) }
                joined.append(nil)
            }
        }
        // Each join's row is taken from the memo once, not once per field (a copy per field would
        // retain and release its arrays).
        for (join, row) in joined.enumerated() {
            guard let row else {
                (rowValues[join], failing[join]) = ([], nil)
                continue
            }
            if let kept = joinedRows.withValue(join: join, row: row, { ($0.values, $0.failing) }) {
                (rowValues[join], failing[join]) = kept
            } else {
                let read = readJoinedRow(join: join, row: row)
                joinedRows[join: join, row: row] = read
                (rowValues[join], failing[join]) = (read.values, read.failing)
            }
        }
        var values: [FieldValue] = []
        values.reserveCapacity(schema.names.count)
        var rejections: [Rejection] = []
        var unreadable: Set<Int> = []
        for (index, ref) in fields.enumerated() {
            let reading: Reading
            switch ref {
            case .joined(let join, _) where joined[join] != nil:
                let place = joinedFields.places[index]
                guard let readings = failing[join] else {
                    values.append(rowValues[join][place])
                    continue
                }
                reading = readings[place]
            case .computed(let template):
                reading = read(index, template.render(fields: values))
            default:
                let text = text(ref, source.values, joined)
                reading = schema.types[index] == .date ? readDate(index, text) : read(index, text)
            }
            values.append(reading.value)
            if let problem = reading.problem { rejections.append(problem) }
            if reading.unreadable { unreadable.insert(index) }
        }
        values.append(contentsOf: repeatElement(.empty, count: schema.names.count - fields.count))
        return .success(Mapped(
            record: Record(schema: schema, values: values, location: source.location, joinedRows: joined),
            problems: Rejection.combining(rejections),
            unreadable: unreadable))
    }

    /// A field read from its text: the value (empty when unreadable) and why it is not acceptable.
    private struct Reading: Sendable {
        var value: FieldValue
        var problem: Rejection?
        var unreadable = false
    }

    /// The fields of a joined row: their values, and their readings when one cannot be read.
    private struct JoinedRow: Sendable {
        var values: [FieldValue]
        var failing: [Reading]?
    }

    /// Reads the fields of a joined row.
    private func readJoinedRow(join: Int, row: Int) -> JoinedRow {
        let readings = joinedFields.members[join].map { field in
            guard case .joined(_, let column) = fields[field] else { preconditionFailure("not a joined field") }
            return read(field, joins[join].table[row][column])
        }
        let failing = readings.contains { $0.problem != nil || $0.unreadable }
        return JoinedRow(values: readings.map(\.value), failing: failing ? readings : nil)
    }

    /// Reads date field `index`, once per distinct text.
    private mutating func readDate(_ index: Int, _ text: String) -> Reading {
        if let known = dates[index][text] { return known }
        let reading = read(index, text)
        if dates[index].count >= 4096 { dates[index].removeAll(keepingCapacity: true) }
        dates[index][text] = reading
        return reading
    }

    /// Reads field `index` from its text: through its `map`, typed, moved onto its calendar.
    private func read(_ index: Int, _ text: String) -> Reading {
        var raw = text
        let name = schema.names[index]
        if let valueMap = valueMaps[index] {
            switch Self.translate(raw, valueMap.map, split: valueMap.split) {
            case .success(let mapped): raw = mapped
            case .failure(let unknown):
                return Reading(value: .empty, problem: Rejection(
                    field: name, rule: "map",
                    message: "\(name): '\(unknown)' is not one of \(valueMap.map.keys.sorted().joined(separator: ", ")); add it to the field's 'map' in the job or correct the record"),
                    unreadable: true)
            }
        }
        switch FieldParser.parse(raw, as: schema.types[index]) {
        case .success(.date(let date)) where dateRules[index] != nil:
            let rule = dateRules[index]!
            var moved = rule.addDays > 0 ? rule.calendar.adding(businessDays: rule.addDays, to: date) : date
            var problem: Rejection?
            switch rule.move {
            case .next?: moved = rule.calendar.adjust(moved, .next)
            case .previous?: moved = rule.calendar.adjust(moved, .previous)
            case .reject? where !rule.calendar.isBusinessDay(moved):
                problem = Rejection(
                    field: name, rule: "business_day",
                    message: "\(name): \(moved.iso) is not a \(rule.calendarName) business day (weekend, holiday or year-end closure)")
            default: break
            }
            return Reading(value: .date(moved), problem: problem)
        case .success(let value): return Reading(value: value)
        case .failure(let reason):
            return Reading(value: .empty, problem: .quoting(raw, personal: schema.personal[index], field: name, rule: "type") {
                "\(name): \($0) \(reason.text)"
            }, unreadable: true)
        }
    }

    /// A mapped record: fields that could not be read are empty, with the reasons.
    struct Mapped {
        var record: Record
        var problems: Rejection?
        /// The positions of the fields that could not be read (their checks are skipped).
        var unreadable: Set<Int>
    }

    /// A text through a field's `map`, each of its values when `split` is given.
    /// - Returns: the mapped text, or the first value that has no entry.
    private static func translate(_ raw: String, _ map: [String: String], split: String?) -> Result<String, MapMiss> {
        let values = split.map { separators in
            raw.split { separators.contains($0) }.map { JapaneseText.trim(String($0)) }.filter { !$0.isEmpty }
        } ?? [JapaneseText.trim(raw)]
        var mapped: [String] = []
        for value in values {
            guard let entry = map[value] else { return .failure(MapMiss(value: value)) }
            if !mapped.contains(entry) { mapped.append(entry) }
        }
        return .success(mapped.joined(separator: split.map { String($0.first!) } ?? ""))
    }

    private struct MapMiss: Error, CustomStringConvertible {
        let value: String
        var description: String { value }
    }

    private func key(of join: Join, _ main: [String], _ joined: [Int?]) -> String {
        join.on.count == 1 ? text(join.on[0], main, joined) : join.on.map { text($0, main, joined) }.joined(separator: ":")
    }

    private func text(_ ref: ColumnRef, _ main: [String], _ joined: [Int?]) -> String {
        switch ref {
        case .main(let index): main[index]
        case .joined(let join, let column): joined[join].map { joins[join].table[$0][column] } ?? ""
        case .computed: ""
        }
    }
}
