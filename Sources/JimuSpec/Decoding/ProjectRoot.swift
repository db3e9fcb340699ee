import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    /// - Returns: the absolute URL, or nil when the path is absolute or climbs out of the root,
    ///   in its text or through a symbolic link on the way.
    public func resolve(_ path: String) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~"), !path.contains("\0") else { return nil }
        let resolved = url.appendingPathComponent(path).standardizedFileURL
        return contains(resolved) && !leavesThroughLink(resolved) ? resolved : nil
    }

    /// Resolves a path and reports an error at the given key when it is not allowed.
    public func resolve(_ path: String, reader: SpecReader, at keyPath: KeyPath, node: Node?) -> URL? {
        if let url = resolve(path) { return url }
        reader.error(
            "path '\(path)' is outside the project root", at: keyPath, node: node, hint: Self.hint(for: path, root: display(url), link: isInside(path)))
        return nil
    }

    /// What to do about a path that is not allowed.
    public static func hint(for path: String, root: String, link: Bool) -> String {
        if path.hasPrefix("~") { return "'~' is expanded by a shell, not in job files: write the path relative to \(root)" }
        if link { return "a symbolic link on the way leads out of \(root), and Jimu reads only files inside it: copy the file in, or mount the share inside the root" }
        return "write a path relative to \(root) without '..' leaving it"
    }

    /// Whether a path stays inside the root in its text (it may still leave through a link).
    public func isInside(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~") else { return false }
        return contains(url.appendingPathComponent(path).standardizedFileURL)
    }

    /// Whether the file (or the deepest folder of it that exists) is, with every symbolic link on
    /// the way followed, outside the root followed likewise.
    public func leavesThroughLink(_ candidate: URL) -> Bool {
        var probe = candidate.path
        var status = stat()
        while lstat(probe, &status) != 0 {
            let parent = (probe as NSString).deletingLastPathComponent
            if parent == probe || parent.isEmpty { return false }
            probe = parent
        }
        // Nothing under the root exists yet: links above it are the administrator's choice.
        guard contains(URL(fileURLWithPath: probe)) else { return false }
        guard let real = Self.realPath(probe) else { return true }
        let base = Self.realPath(url.path) ?? url.path
        return !(real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/"))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
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
