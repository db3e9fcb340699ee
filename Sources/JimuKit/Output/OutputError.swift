#if canImport(Glibc)
import Glibc
#endif

/// An output that cannot be written (disk full, no permission); the run fails and nothing is issued.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The file concerned.
    public var path: String
    /// What failed.
    public var message: String

    /// Creates an error from the current `errno`.
    static func fromErrno(_ path: String, _ action: String) -> OutputError {
        OutputError(path: path, message: "cannot \(action): \(String(cString: strerror(errno)))")
    }

    public var description: String { "\(path): error: \(message)" }
}
