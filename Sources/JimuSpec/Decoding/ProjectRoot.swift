import Foundation
import Yams

/// The folder every relative path of a job is resolved against, with traversal refused.
public struct ProjectRoot: Sendable {
    /// The root folder, absolute and standardised.
    public let url: URL

    /// Creates a root at an absolute folder.
    public init(_ url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Resolves a path written in a job file.
    /// - Returns: the absolute URL, or nil when the path is absolute or climbs out of the root.
    public func resolve(_ path: String) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\0") else { return nil }
        let resolved = url.appendingPathComponent(path).standardizedFileURL
        return contains(resolved) ? resolved : nil
    }

    /// Resolves a path and reports an error at the given key when it is not allowed.
    public func resolve(_ path: String, reader: SpecReader, at keyPath: KeyPath, node: Node?) -> URL? {
        if let url = resolve(path) { return url }
        reader.error(
            "path '\(path)' is outside the project root", at: keyPath, node: node,
            hint: path.hasPrefix("~")
                ? "'~' is expanded by a shell, not in job files: write the path relative to \(display(url))"
                : "write a path relative to \(display(url)) without '..' leaving it")
        return nil
    }

    /// Whether a URL lies inside the root.
    public func contains(_ candidate: URL) -> Bool {
        let base = url.path.hasSuffix("/") ? url.path : url.path + "/"
        let path = candidate.standardizedFileURL.path
        return path == url.path || path.hasPrefix(base)
    }

    /// A path as shown to users: relative to the current folder when inside it, else absolute.
    public func display(_ file: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let base = cwd.hasSuffix("/") ? cwd : cwd + "/"
        let path = file.standardizedFileURL.path
        if path == cwd { return "." }
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
