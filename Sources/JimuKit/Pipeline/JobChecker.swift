import Foundation
import JimuSpec

/// `jimu check`: loads a job and checks everything it references, with no side effects: input
/// files and their headers, lookup keys, XPath expressions, layouts and templates. It builds the
/// same mapper and renderers a run builds, so a job that checks clean also starts clean.
public struct JobChecker {
    let project: ProjectConfig

    /// Creates a checker for a project.
    public init(project: ProjectConfig) {
        self.project = project
    }

    /// All diagnostics for a job file, sorted by location.
    public func check(_ url: URL) -> [Diagnostic] {
        let (loaded, diagnostics) = JobLoader.read(url, project: project)
        guard let job = loaded else { return diagnostics }
        return (diagnostics + references(of: job)).sortedByLocation()
    }

    private func references(of job: Job) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let opener = InputOpener(project: project)
        func report(_ error: Error, at path: KeyPath) {
            found += Self.diagnostics(of: error, at: path, in: job)
        }
        var unreadable: Set<String> = []
        for input in job.inputs {
            let problems = checkInput(input, job: job, opener: opener)
            if problems.contains(where: { $0.severity == .error }) { unreadable.insert(input.name) }
            found += problems
        }
        var tables: [String: any JoinTable] = [:]
        for join in job.records.joins {
            // An input whose files were reported above is not reported again.
            guard let input = job.input(named: join.input), input.key != nil, !unreadable.contains(input.name) else { continue }
            do { tables[join.input] = try opener.table(input) } catch { report(error, at: input.keyPath) }
        }
        // Stand-ins for the run values: a check has no run; the values only have to exist.
        let date = LocalDate(year: 2026, month: 4, day: 1)!
        let standIns = RunValues(job: job, runID: 1, date: date, timestamp: "", organisation: project.organisation)
        var source: (any RecordSource)?
        if let main = job.input(named: job.records.from), !unreadable.contains(main.name) {
            // Opening reads the header: a workbook, UTF-16 or the other encoding shows here.
            do { source = try opener.open(main) } catch { report(error, at: main.keyPath) }
        }
        guard tables.count == job.records.joins.count, let source else {
            // Without the input's header, only declared fields are known (and names are checked then).
            let fields = job.records.fields ?? []
            let declared = RecordSchema(names: fields.map(\.name), types: fields.map(\.type), personal: fields.map(\.personal))
            let names = job.records.fields == nil ? [] : checkTemplateFiles(job, fields: fields.map(\.name))
            return found + checkOutputs(job, schema: declared, run: standIns) + names
        }
        // When `fields` is omitted, names come from the header and the joined inputs' columns.
        let mapped = job.records.fields?.map(\.name)
            ?? source.columns + job.records.joins.flatMap { join in tables[join.input]!.columns.map { "\(join.input).\($0)" } }
        if job.records.fields == nil { found += job.validateNames(mapped: mapped) }
        do {
            _ = try RunPlan(
                job: job, source: source, tables: tables, run: standIns, date: date, project: project, timestamp: "")
        } catch {
            report(error, at: job.records.keyPath)
        }
        return found + checkTemplateFiles(job, fields: mapped)
    }

    /// Builds the outputs as a run would: layouts and templates must load and parse.
    private func checkOutputs(_ job: Job, schema: RecordSchema, run: RunValues) -> [Diagnostic] {
        let context = RenderContext(schema: schema, run: run, root: project.root, job: job, zengin: project.zengin)
        do { _ = try Outputs(job: job, context: context) } catch let error as ConfigurationError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, "\(error)", location: SourceLocation(file: job.file))]
        }
        return []
    }

    /// The names in Mustache template files: a record's template sees the record's fields, the run
    /// values and `key`; a header the run values; a footer also `count`.
    private func checkTemplateFiles(_ job: Job, fields: [String]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let issued = job.issuedNames(mapped: fields)
        for output in job.outputs {
            let spec: TemplateOutput
            switch output.options {
            case .text(let text), .html(let text): spec = text
            default: continue
            }
            let files = [("template", spec.template, issued + RunValue.names + [RunValue.key])]
                + [("header", spec.header, RunValue.names), ("footer", spec.footer, RunValue.names + ["count"])].compactMap { key, file, names in
                    file.map { (key, $0, names) }
                }
            for (key, file, known) in files {
                guard let url = project.root.resolve(file), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let at = output.keyPath.appending(key)
                for name in TemplateRenderer.names(in: text) where !known.contains(name) {
                    let hint = key == "template" ? nil : "a \(key) is rendered once per file, with run values\(key == "footer" ? " and 'count'" : "") only"
                    found.append(Diagnostic(
                        .error, "template '\(file)' uses unknown field '\(name)'", at: at, location: job.sourceMap[at],
                        hint: Suggestion.hint(for: name, in: known) ?? hint))
                }
            }
        }
        return found
    }

    /// An error as diagnostics at a key of the job (a configuration error has its own places).
    private static func diagnostics(of error: Error, at path: KeyPath, in job: Job) -> [Diagnostic] {
        switch error {
        case let error as ConfigurationError: error.diagnostics
        case let error as InputError: [Diagnostic(.error, error.message, at: path, location: job.sourceMap[path], hint: error.hint)]
        default: [Diagnostic(.error, "\(error)", at: path, location: job.sourceMap[path])]
        }
    }

    private func checkInput(_ input: InputSpec, job: Job, opener: InputOpener) -> [Diagnostic] {
        let path = input.keyPath
        var found: [Diagnostic] = []
        do {
            let files = try opener.files(of: input)
            if files.isEmpty {
                found.append(Diagnostic(
                    .warning, "'\(input.path)' matches no file yet", at: path, location: job.sourceMap[path],
                    hint: "fine for a folder filled before each run"))
            }
        } catch {
            found += Self.diagnostics(of: error, at: path, in: job)
        }
        if case .xml(let options) = input.format {
            let expressions = [(options.record, path.appending("record"))]
                + options.fields.map { ($0.xpath, path.appending("fields").appending($0.name)) }
            for (expression, at) in expressions where !XMLSupport.compiles(expression) {
                found.append(Diagnostic(.error, "'\(expression)' is not a valid XPath", at: at, location: job.sourceMap[at]))
            }
            if options.stream, XMLStreamSource.steps(of: options.record, namespaces: options.namespaces) == nil {
                let at = path.appending("record")
                found.append(Diagnostic(
                    .error, "a streamed record must be a simple path like '/a:Export/a:Row'", at: at,
                    location: job.sourceMap[at]))
            }
        }
        return found
    }
}
