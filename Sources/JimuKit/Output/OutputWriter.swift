import Crypto
import Foundation
import JimuSpec
#if canImport(Glibc)
import Glibc
#endif

/// The only part of Jimu that writes output files. Every file is written to a temporary name
/// beside its final place, fsynced, and renamed into place only after the ledger has recorded it,
/// so a crash never leaves a half-written file under a real name. Files are created 0600: outputs
/// and rejects hold personal data.
///
/// In a dry run the same bytes are hashed and counted but nothing is written.
final class OutputWriter {
    /// A finished file, ready to be renamed into place.
    struct PreparedFile: Sendable, Equatable {
        /// The final path relative to the output root (after any `-2` suffix for an existing file).
        var path: String
        /// The path the file was written under (before any suffix).
        var pathRequested: String
        /// The final location.
        var url: URL
        /// Where the bytes are now.
        var temporary: URL
        /// SHA-256 of the content.
        var sha256: String
        /// Size in bytes.
        var size: Int
    }

    private final class OpenFile {
        let requested: String
        let url: URL
        let temporary: URL
        var descriptor: Int32 = -1
        var buffer: [UInt8] = []
        var hasher = SHA256()
        var size = 0
        /// Bytes on disk so far (the buffer's bytes are not).
        var written = 0

        init(requested: String, url: URL, temporary: URL) {
            self.requested = requested
            self.url = url
            self.temporary = temporary
        }
    }

    private let root: ProjectRoot
    private let folders: OutputFolders
    private let tag: String
    private let dryRun: Bool
    /// Where the folders of temporary files are noted (`TemporaryFiles.journal`), if anywhere.
    private let journal: URL?
    private var journaled: Set<String> = []
    private var files: [String: OpenFile] = [:]
    private var order: [OpenFile] = []
    /// The files written last, found without hashing the path: each record goes to a few files.
    private var recent: [OpenFile] = []
    static let bufferSize = 256 << 10

    /// Creates a writer under an output root.
    /// - Parameters:
    ///   - root: the output root.
    ///   - tag: a unique tag for temporary names (the run id and process id).
    ///   - dryRun: when true nothing is written.
    ///   - access: who may read what is written (`group:` of `jimu.yaml`).
    ///   - journal: the file that notes the folders temporary files are made in.
    init(root: URL, tag: String, dryRun: Bool, access: OutputFolders.Access = .owner, journal: URL? = nil) {
        self.journal = journal
        self.root = ProjectRoot(root)
        folders = OutputFolders(root: self.root.url, access: access)
        self.tag = tag
        self.dryRun = dryRun
    }

    /// Appends bytes to a file, starting it on first use.
    /// - Throws: `OutputError` when the path leaves the output root or the disk refuses.
    func write(_ bytes: [UInt8], to path: String) throws {
        let file = try recent.first { $0.requested == path } ?? remembered(files[path] ?? open(path))
        file.size += bytes.count
        guard !dryRun else {
            file.hasher.update(data: bytes)
            return
        }
        if bytes.count >= Self.bufferSize {
            try flush(file)
            try write(bytes[...], to: file)
        } else {
            file.buffer.append(contentsOf: bytes)
            if file.buffer.count >= Self.bufferSize { try flush(file) }
        }
    }

    /// Flushes, fsyncs and closes a file that will get no more bytes, letting go of its buffer and
    /// descriptor at once (a run may write thousands of files: one per bank branch, in volumes).
    func close(_ path: String) throws {
        guard let file = files[path], file.descriptor >= 0 else { return }
        try flush(file)
        file.buffer = []
        guard fsync(file.descriptor) == 0 else { throw OutputError.fromErrno(file.temporary.path, "fsync") }
        Glibc.close(file.descriptor)
        file.descriptor = -1
    }

    /// Closes every file, and chooses final names that do not overwrite anything already there.
    func prepare() throws -> [PreparedFile] {
        var taken: Set<String> = []
        return try order.map { file in
            try close(file.requested)
            let (path, url) = freeName(for: file, taken: &taken)
            return PreparedFile(
                path: path, pathRequested: file.requested, url: url, temporary: file.temporary, sha256: FileDigest.hex(file.hasher.finalize()),
                size: file.size)
        }
    }

    /// Renames prepared files into place (never over a file that appeared since) and fsyncs their folders.
    static func publish(_ prepared: [PreparedFile]) throws {
        for file in prepared {
            // A hard link fails on an existing name where rename would replace it; the temporary
            // name goes after. (A file system without hard links gets a rename.)
            if link(file.temporary.path, file.url.path) == 0 {
                unlink(file.temporary.path)
            } else if errno == EEXIST {
                throw OutputError(path: file.url.path, message: "cannot put the document in place: a file of that name appeared meanwhile; nothing was written over it")
            } else {
                guard rename(file.temporary.path, file.url.path) == 0 else { throw OutputError.fromErrno(file.url.path, "rename") }
            }
        }
        for folder in Set(prepared.map { $0.url.deletingLastPathComponent().path }) {
            let descriptor = Glibc.open(folder, O_RDONLY | O_DIRECTORY)
            if descriptor >= 0 {
                fsync(descriptor)
                Glibc.close(descriptor)
            }
        }
    }

    /// Removes every temporary file (after a failure, or in a dry run).
    func discard() {
        for file in order {
            if file.descriptor >= 0 { Glibc.close(file.descriptor) }
            file.descriptor = -1
            if !dryRun { unlink(file.temporary.path) }
        }
        files = [:]
        order = []
        recent = []
    }

    // MARK: - Private

    private func open(_ path: String) throws -> OpenFile {
        // The text stays inside the root here; `OutputFolders` refuses a link on the way.
        guard root.isInside(path), !path.contains("\0") else {
            throw OutputError(path: path, message: "the output path leaves the output root; remove '..' from it")
        }
        let url = root.url.appendingPathComponent(path).standardizedFileURL
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(tag).tmp")
        let file = OpenFile(requested: path, url: url, temporary: temporary)
        if !dryRun {
            let folder = url.deletingLastPathComponent()
            if let journal, journaled.insert(folder.path).inserted { TemporaryFiles.note(folder, in: journal) }
            let relative = folder.path.dropFirst(root.url.path.count).split(separator: "/").map(String.init)
            file.descriptor = try folders.create(temporary.lastPathComponent, inFolder: relative)
        }
        files[path] = file
        order.append(file)
        return file
    }

    private func remembered(_ file: OpenFile) -> OpenFile {
        if recent.count == 4 { recent.removeFirst() }
        recent.append(file)
        return file
    }

    private func flush(_ file: OpenFile) throws {
        try write(file.buffer[...], to: file)
        file.buffer.removeAll(keepingCapacity: true)
    }

    /// Hashes and writes bytes (a whole buffer, usually: hashing many bytes at once is cheaper), and
    /// has the kernel start writing them to disk now, so that the fsync at the end of the run finds
    /// little left to do (`POSIX_FADV_DONTNEED` starts writeback of dirty pages without waiting).
    private func write(_ bytes: ArraySlice<UInt8>, to file: OpenFile) throws {
        bytes.withUnsafeBytes { file.hasher.update(bufferPointer: $0) }
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(file.descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw OutputError.fromErrno(file.temporary.path, "write") }
            offset += written
        }
        _ = posix_fadvise(file.descriptor, off_t(file.written), off_t(bytes.count), POSIX_FADV_DONTNEED)
        file.written += bytes.count
    }

    private func freeName(for file: OpenFile, taken: inout Set<String>) -> (String, URL) {
        var path = file.requested
        var url = file.url
        var number = 1
        while taken.contains(url.path) || FileManager.default.fileExists(atPath: url.path) {
            number += 1
            let base = file.url.deletingPathExtension().lastPathComponent
            let ext = file.url.pathExtension
            let name = ext.isEmpty ? "\(base)-\(number)" : "\(base)-\(number).\(ext)"
            url = file.url.deletingLastPathComponent().appendingPathComponent(name)
            path = (file.requested as NSString).deletingLastPathComponent
            path = path.isEmpty ? name : path + "/" + name
        }
        taken.insert(url.path)
        return (path, url)
    }
}
