import JimuSpec

/// Forms typed records from source records: joins the lookup tables, then reads each field.
public struct RecordMapper: Sendable {
    /// Where a field's text comes from.
    enum ColumnRef: Sendable {
        case main(Int)
        case joined(join: Int, column: Int)
    }

    private struct Join: Sendable {
        let table: LookupTable
        let on: ColumnRef
        let optional: Bool
    }

    /// The fields of every record.
    public let schema: RecordSchema
    private let joins: [Join]
    private let fields: [ColumnRef]

    /// Resolves every column a job names against the actual headers.
    /// - Throws: `ConfigurationError` naming each unknown column at its place in the job file.
    public init(job: Job, columns: [String], tables: [String: LookupTable]) throws {
        var problems: [Diagnostic] = []
        var joins: [Join] = []
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
            if let index = columns.firstIndex(of: name) { return .main(index) }
            problems.append(Diagnostic(
                .error, "input '\(job.records.from)' has no column '\(name)'", at: path, location: job.sourceMap[path],
                hint: Suggestion.hint(for: name, in: columns) ?? "columns are \(columns.joined(separator: ", "))"))
            return nil
        }
        for spec in job.records.joins {
            guard let table = tables[spec.input] else { continue }
            let on = resolve(spec.on, at: spec.keyPath.appending("on")) ?? .main(0)
            joins.append(Join(table: table, on: on, optional: spec.optional))
        }
        self.joins = joins
        let specs = job.records.fields ?? Self.allColumns(columns, joins: joins, keyPath: job.records.keyPath)
        fields = specs.map { resolve($0.column, at: $0.keyPath.appending("column")) ?? .main(0) }
        let myNumberFields = Set(job.records.validations.filter { $0.rules.contains(.myNumber) }.map(\.field))
        schema = RecordSchema(
            names: specs.map(\.name), types: specs.map(\.type),
            personal: specs.map { $0.personal || myNumberFields.contains($0.name) })
        if !problems.isEmpty { throw ConfigurationError(problems) }
    }

    /// Every column of the main input (and `<input>.<column>` of joins) as a text field.
    private static func allColumns(_ columns: [String], joins: [Join], keyPath: KeyPath) -> [FieldSpec] {
        columns.map { FieldSpec(name: $0, column: $0, keyPath: keyPath) }
            + joins.flatMap { join in
                join.table.columns.map { FieldSpec(name: "\(join.table.name).\($0)", column: "\(join.table.name).\($0)", keyPath: keyPath) }
            }
    }

    /// Maps one source record.
    /// - Returns: the record, or every reason it cannot be formed.
    public func map(_ source: SourceRecord) -> Result<Record, Rejection> {
        var joined: [Int?] = []
        joined.reserveCapacity(joins.count)
        for join in joins {
            let key = text(join.on, source.values, joined)
            switch join.table.row(for: key) {
            case .success(let position): joined.append(position)
            case .failure(let rejection):
                guard join.optional else { return .failure(rejection) }
                joined.append(nil)
            }
        }
        var values: [FieldValue] = []
        values.reserveCapacity(fields.count)
        var rejections: [Rejection] = []
        for (index, ref) in fields.enumerated() {
            let raw = text(ref, source.values, joined)
            switch FieldParser.parse(raw, as: schema.types[index]) {
            case .success(let value): values.append(value)
            case .failure(let reason):
                values.append(.empty)
                let name = schema.names[index]
                rejections.append(.quoting(raw, personal: schema.personal[index], field: name, rule: "type") {
                    "\(name): \($0) \(reason.text)"
                })
            }
        }
        if let combined = Rejection.combining(rejections) { return .failure(combined) }
        return .success(Record(schema: schema, values: values, location: source.location))
    }

    private func text(_ ref: ColumnRef, _ main: [String], _ joined: [Int?]) -> String {
        switch ref {
        case .main(let index): main[index]
        case .joined(let join, let column): joined[join].map { joins[join].table[$0][column] } ?? ""
        }
    }
}
