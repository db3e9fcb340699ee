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
        let opener = InputOpener(root: project.root, bankMaster: project.bankMaster)
        func report(_ error: Error, at path: KeyPath) {
            switch error {
            case let error as ConfigurationError: found += error.diagnostics
            case let error as InputError:
                found.append(Diagnostic(.error, error.message, at: path, location: job.sourceMap[path], hint: error.hint))
            default:
                found.append(Diagnostic(.error, "\(error)", at: path, location: job.sourceMap[path]))
            }
        }
        for input in job.inputs {
            found += checkInput(input, job: job, opener: opener)
        }
        var tables: [String: LookupTable] = [:]
        for join in job.records.joins {
            guard let input = job.input(named: join.input), input.key != nil else { continue }
            do { tables[join.input] = try opener.table(input) } catch { report(error, at: input.keyPath) }
        }
        guard let main = job.input(named: job.records.from), tables.count == job.records.joins.count,
              let source = try? opener.open(main)
        else {
            let fields = job.records.fields ?? []
            let declared = RecordSchema(names: fields.map(\.name), types: fields.map(\.type), personal: fields.map(\.personal))
            return found + checkOutputs(job, schema: declared)
        }
        do {
            let mapper = try RecordMapper(job: job, columns: source.columns, tables: tables)
            found += checkNames(job, schema: mapper.schema)
            found += checkOutputs(job, schema: mapper.schema)
        } catch {
            report(error, at: job.records.keyPath)
        }
        return found
    }

    /// Builds the outputs as a run would: layouts and templates must load and parse.
    private func checkOutputs(_ job: Job, schema: RecordSchema) -> [Diagnostic] {
        let run = Dictionary(RunVariables.names.map { ($0, "") }, uniquingKeysWith: { $1 })
        let context = RenderContext(schema: schema, run: run, root: project.root, job: job, zengin: project.zengin)
        do { _ = try Outputs(job: job, context: context) } catch let error as ConfigurationError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, "\(error)", location: SourceLocation(file: job.file))]
        }
        return []
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
        } catch let error as InputError {
            found.append(Diagnostic(.error, error.message, at: path, location: job.sourceMap[path], hint: error.hint))
        } catch {
            found.append(Diagnostic(.error, "\(error)", at: path, location: job.sourceMap[path]))
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

    /// When `fields` is omitted, names come from the header; check the templates against them.
    private func checkNames(_ job: Job, schema: RecordSchema) -> [Diagnostic] {
        guard job.records.fields == nil else { return [] }
        var found: [Diagnostic] = []
        let names = Set(schema.names)
        func check(_ template: TextTemplate, at path: KeyPath, run: Bool) {
            let known = run ? names.union(RunVariables.names) : names
            for name in template.fieldNames where !known.contains(name) {
                found.append(Diagnostic(
                    .error, "template '\(template)' uses unknown field '\(name)'", at: path, location: job.sourceMap[path],
                    hint: Suggestion.hint(for: name, in: known)))
            }
        }
        check(job.records.key, at: job.records.keyPath.appending("key"), run: false)
        for validation in job.records.validations where !names.contains(validation.field) {
            found.append(Diagnostic(
                .error, "validation of unknown field '\(validation.field)'", at: validation.keyPath,
                location: job.sourceMap[validation.keyPath], hint: Suggestion.hint(for: validation.field, in: names)))
        }
        for (index, output) in job.outputs.enumerated() {
            check(output.to, at: KeyPath().appending("outputs").appending(index).appending("to"), run: true)
        }
        return found
    }
}
