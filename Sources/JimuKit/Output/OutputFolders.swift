import Foundation
import JimuSpec
#if canImport(Glibc)
import Glibc
#endif

/// The folders under the output root that Jimu writes into, made and entered one component at a
/// time without following a symbolic link (`O_NOFOLLOW`): a folder someone replaced with a link
/// to `/etc` is refused, never written through. Files are created in them with `O_EXCL`.
///
/// Who may read: the owner only (files 0600, folders 0700), or with `group:` in `jimu.yaml` that
/// group too (files 0640, folders 0750 of the group), so that clerks read documents under their
/// own accounts instead of a shared one.
struct OutputFolders {
    /// Modes and group of what is created.
    struct Access: Sendable, Equatable {
        var fileMode: mode_t = 0o600
        var folderMode: mode_t = 0o700
        var group: gid_t?

        /// The owner only.
        static let owner = Access()

        /// The owner and a group, by name.
        /// - Throws: `ConfigurationError` when there is no such group.
        static func group(_ name: String) throws -> Access {
            guard let entry = getgrnam(name) else {
                throw ConfigurationError([Diagnostic(
                    .error, "group '\(name)' does not exist on this host", at: KeyPath().appending("group"),
                    hint: "create it (groupadd \(name)) and add the clerks to it, or change 'group:' in jimu.yaml")])
            }
            return Access(fileMode: 0o640, folderMode: 0o750, group: entry.pointee.gr_gid)
        }
    }

    let root: URL
    let access: Access

    init(root: URL, access: Access) {
        self.root = root
        self.access = access
    }

    /// Makes (or checks) the folder of a path relative to the root, and creates a new file in it.
    /// - Returns: the file's descriptor, open for writing.
    /// - Throws: `OutputError` naming a link or a file where a folder should be, or what the system refused.
    func create(_ name: String, inFolder relative: [String]) throws -> Int32 {
        let folder = try enter(relative)
        defer { close(folder) }
        let descriptor = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, access.fileMode)
        guard descriptor >= 0 else {
            throw OutputError.fromErrno(path(relative + [name]), errno == EEXIST ? "create (it exists; Jimu never writes over a file)" : "create")
        }
        if let group = access.group { fchown(descriptor, uid_t.max, group) }
        fchmod(descriptor, access.fileMode)
        return descriptor
    }

    /// Opens the folder, making each missing component with the access's mode and group.
    private func enter(_ components: [String]) throws -> Int32 {
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            throw OutputError(path: root.path, message: "cannot create the folder: \(error.localizedDescription)")
        }
        var folder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw OutputError.fromErrno(root.path, "open the output root") }
        for (index, component) in components.enumerated() {
            let made = mkdirat(folder, component, access.folderMode) == 0
            guard made || errno == EEXIST else {
                defer { close(folder) }
                throw OutputError.fromErrno(path(Array(components[...index])), "create the folder")
            }
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let failure = errno
            close(folder)
            guard next >= 0 else {
                let at = path(Array(components[...index]))
                if failure == ELOOP || failure == ENOTDIR {
                    throw OutputError(path: at, message: "is a symbolic link or a file, not a folder Jimu made; Jimu writes only into real folders under the output root (remove it)")
                }
                errno = failure
                throw OutputError.fromErrno(at, "open the folder")
            }
            if made, let group = access.group {
                fchown(next, uid_t.max, group)
                fchmod(next, access.folderMode)
            }
            folder = next
        }
        return folder
    }

    private func path(_ components: [String]) -> String {
        components.reduce(root) { $0.appendingPathComponent($1) }.path
    }
}
