/// Where each key path of a document was written, so later stages can point at the YAML.
public struct SourceMap: Sendable {
    private var locations: [KeyPath: SourceLocation] = [:]

    /// An empty map.
    public init() {}

    /// The location of a key path's value, or of its nearest ancestor that has one.
    public subscript(path: KeyPath) -> SourceLocation? {
        get {
            var components = path.components
            while true {
                if let location = locations[KeyPath(components)] { return location }
                if components.isEmpty { return nil }
                components.removeLast()
            }
        }
        set { locations[path] = newValue }
    }
}
