import JimuSpec

/// What a key is issued with: a digest of its record's fingerprint fields (the money it moves, by
/// default), and their values as a clerk reads them, personal ones masked. The ledger keeps both
/// with the key, so that a record seen again with other values is a conflict, never a silent skip.
public struct Fingerprint: Sendable, Equatable {
    /// FNV-1a (64 bits) over `name=value` of each field, sorted by name: a change detector, not a
    /// secret (personal values are in it only through the digest).
    public let digest: Int64
    /// `amount 48400, due 2026-11-30, account_no ***`: for the reason of a conflict.
    public let summary: String

    /// A fingerprint as the ledger stored it.
    public init(digest: Int64, summary: String) {
        (self.digest, self.summary) = (digest, summary)
    }

    /// The fingerprint of records of a job, compiled against its schema; nil for a job whose
    /// fingerprint names no field.
    struct Maker: Sendable {
        private let fields: [(name: String, index: Int, personal: Bool)]

        init?(job: Job, schema: RecordSchema) {
            fields = job.fingerprintFields.compactMap { name in schema.index[name].map { (name, $0, schema.personal[$0]) } }
            if fields.isEmpty { return nil }
        }

        func make(_ record: Record) -> Fingerprint {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var summary = ""
            for (position, field) in fields.enumerated() {
                let text = record.values[field.index].text
                for byte in field.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
                hash = (hash ^ 0x3D) &* 0x0000_0100_0000_01B3
                for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
                hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
                if position > 0 { summary += ", " }
                summary += field.name + " " + (field.personal && !text.isEmpty ? "***" : text.isEmpty ? "(none)" : text)
            }
            return Fingerprint(digest: Int64(bitPattern: hash), summary: summary)
        }
    }

    /// The fields whose values differ from an earlier fingerprint's, as `amount 48400 → 42800`.
    func changes(since earlier: String) -> String {
        let before = earlier.components(separatedBy: ", "), after = summary.components(separatedBy: ", ")
        guard before.count == after.count else { return "\(earlier) → \(summary)" }
        let changed = zip(before, after).filter { $0 != $1 }.map { old, new in
            let name = new.prefix { $0 != " " }
            return "\(name) \(old.dropFirst(name.count + 1)) → \(new.dropFirst(name.count + 1))"
        }
        return changed.isEmpty ? "other values (\(summary))" : changed.joined(separator: ", ")
    }
}
