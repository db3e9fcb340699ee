import Foundation
import JimuSpec
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files of an input (a path or a glob under the project root) and opens the right source.
struct InputOpener: Sendable {
    let root: ProjectRoot
    let overrides: [String: URL]
    /// The project: its full bank master (`bank_master`), read by every `zengin_code` input, may lie
    /// outside the root.
    let project: ProjectConfig

    /// Creates an opener.
    init(project: ProjectConfig, overrides: [String: URL] = [:]) {
        self.project = project
        root = project.root
        self.overrides = overrides
    }

    /// The files an input names, sorted. A glob that matches nothing gives none (a day without
    /// invoices); a plain path that does not exist is an error.
    /// - Throws: `InputError` for a missing file or a path outside the root; `ConfigurationError`
    ///   for a `bank_master` of `jimu.yaml` that is not a zengin-code folder.
    func files(of input: InputSpec) throws -> [URL] {
        if let override = overrides[input.name] {
            guard FileManager.default.fileExists(atPath: override.path) else {
                throw InputError(file: override.path, "the file given with --input \(input.name)= does not exist", missing: true)
            }
            return [override]
        }
        if input.format.isBankMaster, let configured = project.bankMasterURL { return [try configuredBankMaster(configured)] }
        let path = input.path
        guard let pattern = root.resolve(path) else {
            throw InputError(
                file: input.path, "the path of input '\(input.name)' is outside the project root",
                hint: ProjectRoot.hint(for: input.path, root: "the project root", link: root.isInside(input.path)))
        }
        guard Self.isGlob(path) else {
            guard FileManager.default.fileExists(atPath: pattern.path) else {
                throw InputError(
                    file: root.display(pattern), "input '\(input.name)' does not exist",
                    hint: "paths in job files are relative to the project root '\(root.display(root.url))'", missing: true)
            }
            return [pattern]
        }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern.path, 0, nil, &result) == 0 else { return [] }
        return try (0..<Int(result.gl_pathc)).compactMap { index in
            guard let path = result.gl_pathv[index].map({ String(cString: $0) }) else { return nil }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard root.contains(url), !root.leavesThroughLink(url) else {
                throw InputError(
                    file: root.display(url), "a file of input '\(input.name)' is a symbolic link that leads out of the project root",
                    hint: "Jimu reads only files inside the root; put the file itself there")
            }
            return url
        }.sorted { $0.path < $1.path }
    }

    /// Opens a record source for an input.
    func open(_ input: InputSpec) throws -> any RecordSource {
        let urls = try files(of: input)
        let display = { [root] (url: URL) in root.display(url) }
        switch input.format {
        case .csv(let options): return try CSVRecordSource(files: urls, options: options, display: display)
        case .xml(let options) where options.stream: return try XMLStreamSource(files: urls, options: options, display: display)
        case .xml(let options): return XMLDocumentSource(files: urls, options: options, display: display)
        case .bankMaster: return try BankMasterSource(folder: urls[0], display: display)
        }
    }

    /// An input as a table to join: a bank master reads a bank's branches when a record first needs
    /// them; any other input is loaded whole, keyed by its `key`.
    func table(_ input: InputSpec) throws -> any JoinTable {
        if input.format.isBankMaster {
            return try BankMasterTable(name: input.name, folder: try files(of: input)[0], display: { [root] in root.display($0) })
        }
        var source = try open(input)
        return try LookupTable(name: input.name, keyColumn: input.key ?? "", source: &source)
    }

    /// The `bank_master` of `jimu.yaml`, which must be a zengin-code folder: a configuration error
    /// (exit 78) naming the configured path when it is not.
    private func configuredBankMaster(_ folder: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("banks.json").path) else {
            let exists = FileManager.default.fileExists(atPath: folder.path)
            throw ConfigurationError([Diagnostic(
                .error, "'\(project.bankMaster ?? "")' \(exists ? "has no banks.json" : "does not exist")",
                at: KeyPath().appending("bank_master"),
                location: project.bankMasterLocation ?? project.file.map { SourceLocation(file: root.display($0)) },
                hint: "name a zengin-code folder holding banks.json and branches/NNNN.json, such as source-data/data of the zengin-code package")])
        }
        return folder
    }

    static func isGlob(_ path: String) -> Bool {
        path.contains { "*?[".contains($0) }
    }
}
