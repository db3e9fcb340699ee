/// A path to a value inside a YAML document, printed as `outputs[1].format`.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a key path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document root.
    public private(set) var components: [Component]

    /// The root of the document.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// True at the root.
    public var isEmpty: Bool { components.isEmpty }

    /// The path one mapping key further down.
    public func appending(_ key: String) -> KeyPath { KeyPath(components + [.key(key)]) }

    /// The path one sequence index further down (0-based, printed 0-based as in code).
    public func appending(_ index: Int) -> KeyPath { KeyPath(components + [.index(index)]) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
