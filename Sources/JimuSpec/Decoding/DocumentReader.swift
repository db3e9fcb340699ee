import Foundation
import Yams

/// Parses YAML text into a node tree, turning syntax errors into located diagnostics.
enum DocumentReader {
    /// Reads a version-1 file a job refers to (a layout, a form): resolves it under the root, parses
    /// it and hands its top-level mapping to `body`. Problems are located in that file and reported
    /// to `reader`.
    static func referenced<T>(
        _ file: String, kind: String, root: ProjectRoot, reader: SpecReader, at path: KeyPath, node: Node,
        allowed: [String], required: [String], _ body: (MappingFields, SpecReader) -> T?
    ) -> T? {
        guard let url = root.resolve(file, reader: reader, at: path, node: node) else { return nil }
        let fileReader = SpecReader(file: root.display(url))
        defer { reader.absorb(fileReader.diagnostics) }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            reader.error("cannot read \(kind) file '\(file)'", at: path, node: node, hint: "check the path and that it is UTF-8")
            return nil
        }
        guard let document = compose(text, reader: fileReader),
              let map = fileReader.mapping(document, at: KeyPath(), allowed: allowed, required: required)
        else { return nil }
        _ = fileReader.int(map["version"], at: map.path("version"), in: 1...1)
        return body(map, fileReader)
    }

    /// The largest job file, form, layout or `jimu.yaml` read (the shipped ones are under 20 KB).
    static let maxBytes = 1 << 20
    /// The most values a file may hold once its aliases are followed (an alias bomb holds billions).
    static let maxValues = 100_000

    static func compose(_ text: String, reader: SpecReader) -> Node? {
        guard text.utf8.count <= maxBytes else {
            reader.error(
                "the file is \(text.utf8.count >> 10) KB; files Jimu reads settings from are at most \(maxBytes >> 10) KB",
                at: KeyPath(), hint: "is this the right file?")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                reader.error("the file is empty", at: KeyPath())
                return nil
            }
            var budget = maxValues
            guard fits(node, budget: &budget) else {
                reader.error(
                    "the file holds more than \(maxValues) values once its aliases (*name) are followed",
                    at: KeyPath(), hint: "aliases that repeat aliases multiply; write the values out")
                return nil
            }
            return node
        } catch let error as YamlError {
            reader.absorb([diagnostic(for: error, file: reader.file)])
        } catch {
            reader.error("cannot parse YAML: \(error)", at: KeyPath())
        }
        return nil
    }

    /// Counts values, giving up once the budget is spent (without walking an alias bomb's billions).
    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping where !fits(key, budget: &budget) || !fits(value, budget: &budget) { return false }
        case .sequence(let sequence):
            for item in sequence where !fits(item, budget: &budget) { return false }
        default:
            break
        }
        return true
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(
                .error, "YAML syntax: \(detail)",
                location: SourceLocation(file: file, line: mark.line, column: mark.column),
                hint: "check indentation and quoting; quote values that contain ': ' or start with '{'")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error, "duplicate keys \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return Diagnostic(.error, "YAML: \(error)", location: SourceLocation(file: file))
        }
    }
}
