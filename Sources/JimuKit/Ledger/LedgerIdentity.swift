/// Who a ledger is: an id made when it was created, and whether it has recorded any run. The
/// output root names the ledger its outputs belong to (`LedgerBinding`).
public struct LedgerIdentity: Sendable, Equatable {
    /// 32 hex digits, random.
    public var id: String
    /// When the ledger was created (UTC, ISO 8601).
    public var createdAt: String
    /// How many runs it has recorded.
    public var runs: Int
}

/// Why Jimu will not use a ledger as it is, and what the operator should do (exit 78: retrying
/// does not help, a person must decide).
public struct LedgerRefused: Error, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { "error: \(message)" }
}
