import Yams

/// Reads typed values out of a composed YAML tree and collects every problem as a diagnostic.
///
/// Model types read themselves through it (`static func read(_:at:reader:)`), so one pass over a
/// document reports all unknown keys, wrong types and missing keys with their line and column,
/// instead of stopping at the first like `Codable` does.
public final class SpecReader {
    /// The file being read, as the user named it.
    public let file: String
    /// Everything found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Where each key path's value starts, for diagnostics raised by later stages.
    public private(set) var sourceMap = SourceMap()

    /// Creates a reader for one file.
    public init(file: String) {
        self.file = file
    }

    /// The location of a node in this file.
    public func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// Records an error at a node.
    public func error(_ message: String, at path: KeyPath, node: Node? = nil, hint: String? = nil) {
        let location = node.map { self.location(of: $0) } ?? sourceMap[path] ?? SourceLocation(file: file)
        diagnostics.append(Diagnostic(.error, message, at: path, location: location, hint: hint))
    }

    /// Records a warning at a node.
    public func warning(_ message: String, at path: KeyPath, node: Node? = nil, hint: String? = nil) {
        let location = node.map { self.location(of: $0) } ?? sourceMap[path] ?? SourceLocation(file: file)
        diagnostics.append(Diagnostic(.warning, message, at: path, location: location, hint: hint))
    }

    /// Reads a mapping whose keys must come from `allowed`; unknown keys are errors with a suggestion.
    public func mapping(
        _ node: Node?, at path: KeyPath, allowed: [String], required: [String] = []
    ) -> MappingFields? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            error("expected a mapping of keys to values", at: path, node: node)
            return nil
        }
        var fields = MappingFields(path: path, node: node)
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyPath = path.appending(key)
            sourceMap[keyPath] = location(of: value)
            if allowed.contains(key) {
                fields.entries.append((key, value))
            } else {
                let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
                error(
                    "unknown key '\(key)'", at: keyPath, node: keyNode,
                    hint: Suggestion.hint(for: key, in: allowed) ?? "expected one of \(known)")
            }
        }
        for key in required where fields[key] == nil {
            error("missing required key '\(key)'", at: path, node: node)
        }
        return fields
    }

    /// Reads a mapping with free-form keys (e.g. input names), in document order.
    public func entries(_ node: Node?, at path: KeyPath) -> [(key: String, value: Node, path: KeyPath)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            error("expected a mapping of names to values", at: path, node: node)
            return []
        }
        return mapping.map { keyNode, value in
            let key = keyNode.scalar?.string ?? ""
            sourceMap[path.appending(key)] = location(of: value)
            return (key, value, path.appending(key))
        }
    }

    /// Reads a list; a single value stands for a list of one.
    public func list(_ node: Node?, at path: KeyPath) -> [(node: Node, path: KeyPath)] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else { return [(node, path)] }
        return sequence.enumerated().map { index, element in
            sourceMap[path.appending(index)] = location(of: element)
            return (element, path.appending(index))
        }
    }

    /// Reads a scalar as text, exactly as written (no YAML 1.1 coercion of `on`, `0123` or `yes`).
    public func string(_ node: Node?, at path: KeyPath) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            error("expected a text value", at: path, node: node)
            return nil
        }
        return scalar.string
    }

    /// Reads a whole number within `range`.
    public func int(_ node: Node?, at path: KeyPath, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            error("expected a whole number, found '\(text)'", at: path, node: node)
            return nil
        }
        guard range.contains(value) else {
            error("\(value) is out of range \(range.lowerBound)...\(range.upperBound)", at: path, node: node)
            return nil
        }
        return value
    }

    /// Reads a non-negative decimal number (minutes, hours, yen per hour).
    public func number(_ node: Node?, at path: KeyPath) -> Double? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = Double(text), value >= 0, value.isFinite else {
            error("expected a number of zero or more, found '\(text)'", at: path, node: node)
            return nil
        }
        return value
    }

    /// Reads `true` or `false`.
    public func bool(_ node: Node?, at path: KeyPath) -> Bool? {
        guard let text = string(node, at: path) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("expected true or false, found '\(text)'", at: path, node: node)
            return nil
        }
    }

    /// Reads one word out of a fixed set, with a suggestion when it is misspelt.
    public func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node?, at path: KeyPath, as type: T.Type, what: String
    ) -> T? where T.RawValue == String {
        guard let text = string(node, at: path) else { return nil }
        if let value = T(rawValue: text.lowercased()) { return value }
        let names = T.allCases.map(\.rawValue)
        let hint = Suggestion.hint(for: text, in: names)
        error(
            "unknown \(what) '\(text)'; expected one of \(names.joined(separator: ", "))",
            at: path, node: node, hint: hint)
        return nil
    }

    /// Reads a text template such as `{{invoice_id}}:{{payee}}`.
    public func template(_ node: Node?, at path: KeyPath) -> TextTemplate? {
        guard let text = string(node, at: path) else { return nil }
        do {
            return try TextTemplate(parsing: text)
        } catch {
            self.error("\(error)", at: path, node: node)
            return nil
        }
    }

    /// Adds diagnostics found by someone else (e.g. a referenced layout file).
    public func absorb(_ other: [Diagnostic]) {
        diagnostics += other
    }
}

/// The known keys of one mapping, in document order.
public struct MappingFields {
    /// Where the mapping is.
    public let path: KeyPath
    /// The mapping node itself.
    public let node: Node
    /// The recognised keys and their value nodes.
    public var entries: [(key: String, value: Node)] = []

    /// The value of a key, if present.
    public subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// The key path of a key.
    public func path(_ key: String) -> KeyPath { path.appending(key) }
}
