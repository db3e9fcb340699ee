import JimuSpec

/// What a key is issued with: a digest of its record's fingerprint fields (the money it moves, by
/// default) and its amount. The ledger keeps both with the key, so that a record seen again with
/// other values is a conflict, never a silent skip.
public struct Fingerprint: Sendable, Equatable {
    /// A 64-bit digest of each field's name and typed value: a change detector, not a secret
    /// (personal values are in the ledger only through it).
    public let digest: Int64
    /// The record's amount (the `balance` or 全銀 amount field), when the job has one.
    public let amount: Int?

    /// A fingerprint as the ledger stores it.
    public init(digest: Int64, amount: Int?) {
        (self.digest, self.amount) = (digest, amount)
    }

    /// The fingerprint of records of a job, compiled against its schema; nil for a job whose
    /// fingerprint names no field.
    struct Maker: Sendable {
        /// Each field with a constant of its name, mixed in before its value.
        private let fields: [(name: String, index: Int, constant: UInt64, personal: Bool)]
        private let amount: Int?

        init?(job: Job, schema: RecordSchema) {
            fields = job.fingerprintFields.compactMap { name in
                schema.index[name].map { index in
                    var constant: UInt64 = 0xCBF2_9CE4_8422_2325
                    for byte in name.utf8 { constant = (constant ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
                    return (name, index, constant, schema.personal[index])
                }
            }
            if fields.isEmpty { return nil }
            amount = job.fingerprintAmountField.flatMap { schema.index[$0] }
        }

        /// The digest mixes typed values (no text is formed for numbers and dates).
        func make(_ record: Record) -> Fingerprint {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            func mix(_ word: UInt64) {
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
            }
            for field in fields {
                mix(field.constant)
                switch record.values[field.index] {
                case .empty: mix(0)
                case .integer(let number): mix(1); mix(UInt64(bitPattern: Int64(number)))
                case .date(let date): mix(2); mix(UInt64(date.year * 10_000 + date.month * 100 + date.day))
                case .text(var text):
                    mix(3)
                    text.withUTF8 { bytes in
                        var word: UInt64 = 0, count = 0
                        for byte in bytes {
                            word = word << 8 | UInt64(byte)
                            count += 1
                            if count == 8 { mix(word); (word, count) = (0, 0) }
                        }
                        mix(word ^ UInt64(bytes.count) << 56)
                    }
                }
            }
            return Fingerprint(digest: Int64(bitPattern: hash), amount: amount.flatMap { record.values[$0].integer })
        }

        /// The fields and their values as a clerk reads them, personal ones masked: `amount 42800,
        /// due 2026-11-30, account_no ***`.
        func describe(_ record: Record) -> String {
            fields.map { field in
                let value = record.values[field.index]
                return field.name + " " + (value.isEmpty ? "(none)" : field.personal ? "***" : value.text)
            }.joined(separator: ", ")
        }
    }
}
