import Yams

/// Parses YAML text into a node tree, turning syntax errors into located diagnostics.
enum DocumentReader {
    static func compose(_ text: String, reader: SpecReader) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                reader.error("the file is empty", at: KeyPath())
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
