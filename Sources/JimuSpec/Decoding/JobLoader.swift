import Foundation
import Yams

/// Loads a job file: YAML → `Job`, with every problem reported as a located diagnostic.
public enum JobLoader {
    static let keys = ["version", "job", "title", "schedule", "savings", "inputs", "records", "outputs", "rejects", "approval"]

    /// Reads and validates a job file.
    /// - Parameters:
    ///   - url: the job file.
    ///   - project: the project config, whose root resolves relative paths.
    /// - Returns: the job when there are no errors, and all diagnostics (warnings too).
    public static func load(_ url: URL, project: ProjectConfig) -> (Job?, [Diagnostic]) {
        let (job, diagnostics) = read(url, project: project)
        return (diagnostics.hasErrors ? nil : job, diagnostics)
    }

    /// Reads a job file as far as it can be read, errors or not, so that `jimu check` can go on to
    /// the files it references and report every problem at once.
    /// - Returns: the job when its core (id, inputs, records) could be read, and all diagnostics.
    public static func read(_ url: URL, project: ProjectConfig) -> (Job?, [Diagnostic]) {
        let reader = SpecReader(file: project.root.display(url))
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, [Diagnostic(.error, "cannot read job file", location: SourceLocation(file: reader.file))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let location = SourceLocation(file: reader.file)
            return (nil, [Diagnostic(.error, "job file is not UTF-8 text", location: location, hint: "save it as UTF-8")])
        }
        guard let node = DocumentReader.compose(text, reader: reader) else { return (nil, reader.diagnostics) }
        let job = read(node, url: url, project: project, reader: reader)
        if let job { reader.absorb(job.validate()) }
        return (job, reader.diagnostics.sortedByLocation())
    }

    private static func read(_ node: Node, url: URL, project: ProjectConfig, reader: SpecReader) -> Job? {
        guard checkVersion(node, reader: reader),
              let map = reader.mapping(node, at: KeyPath(), allowed: keys, required: ["version", "job", "inputs", "records"])
        else { return nil }
        let id = reader.string(map["job"], at: map.path("job"))
        var title = map["title"].flatMap { reader.string($0, at: map.path("title")) }
        if let text = title, text.count > 200 {
            // The title is kept in the ledger with every run and printed on reports.
            reader.error("the title is \(text.count) characters; at most 200", at: map.path("title"), node: map["title"])
            title = nil
        }
        let schedule = ScheduleSpec.read(map["schedule"], at: map.path("schedule"), reader: reader)
        let savings = SavingsBaseline.readAll(map["savings"], at: map.path("savings"), reader: reader)
        let inputs = reader.entries(map["inputs"], at: map.path("inputs")).compactMap {
            InputSpec.read(name: $0.key, $0.value, at: $0.path, reader: reader)
        }
        let records = RecordSpec.read(map["records"], at: map.path("records"), reader: reader)
        let outputs = reader.list(map["outputs"], at: map.path("outputs")).compactMap {
            OutputSpec.read($0.node, at: $0.path, root: project.root, reader: reader)
        }
        let rejects = readRejects(map, reader: reader)
        let approval = ApprovalSpec.read(map["approval"], at: map.path("approval"), reader: reader)
        if records?.approves != nil, project.approval == nil {
            reader.error(
                "the job approves orders, but jimu.yaml names no approvers", at: map.path("records").appending("approves"),
                hint: "add 'approval: { approvers: [{ user: …, name: … }] }' to jimu.yaml")
        }
        if let approval, let listed = project.approval {
            for (index, user) in approval.approvers.enumerated() where listed.approver(user) == nil {
                reader.error(
                    "approver '\(user)' is not among the approvers of jimu.yaml", at: map.path("approval").appending("approvers").appending(index),
                    hint: Suggestion.hint(for: user, in: listed.approvers.map(\.user)))
            }
        }
        if approval?.required == true, project.approval == nil {
            reader.error(
                "the job needs approval, but jimu.yaml names no approvers", at: map.path("approval").appending("required"),
                hint: "add 'approval: { approvers: [{ user: …, name: … }] }' to jimu.yaml")
        }
        guard let id, let records, let rejects else { return nil }
        return Job(
            id: id, title: title, schedule: schedule, savings: savings, inputs: inputs, records: records,
            outputs: outputs, rejects: rejects, file: reader.file, url: url, sourceMap: reader.sourceMap, approval: approval)
    }

    /// Only the version is read from a file of another version: its other keys may be that version's.
    private static func checkVersion(_ node: Node, reader: SpecReader) -> Bool {
        guard case .mapping(let mapping) = node, let value = mapping["version"] else { return true }
        let path = KeyPath().appending("version")
        guard let version = reader.string(value, at: path) else { return false }
        guard version == String(Job.supportedVersion) else {
            reader.error(
                "unsupported job file version '\(version)'", at: path, node: value,
                hint: "this Jimu reads version \(Job.supportedVersion)")
            return false
        }
        return true
    }

    private static func readRejects(_ map: MappingFields, reader: SpecReader) -> TextTemplate? {
        guard let node = map["rejects"] else { return try? TextTemplate(parsing: Job.defaultRejects) }
        guard let rejects = reader.mapping(node, at: map.path("rejects"), allowed: ["to"], required: ["to"]) else {
            return nil
        }
        return reader.template(rejects["to"], at: rejects.path("to"))
    }
}
