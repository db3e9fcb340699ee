import Foundation

/// A request to stop a run (SIGTERM, SIGINT), checked between batches. A stopped run rolls back:
/// nothing is issued, temporary files are removed, and the run is recorded as interrupted.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    /// Creates a token nobody has cancelled yet.
    public init() {}

    /// Asks the run to stop.
    public func cancel(_ why: String) {
        lock.lock()
        if reason == nil { reason = why }
        lock.unlock()
    }

    /// Why the run was asked to stop, if it was.
    public var requested: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }
}

/// A run stopped on request; nothing was issued.
public struct Interrupted: Error, Sendable, CustomStringConvertible {
    /// What stopped it, e.g. "SIGTERM".
    public var reason: String

    public var description: String {
        "interrupted by \(reason): nothing was issued; the next run issues these records"
    }
}
