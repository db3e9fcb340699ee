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
            var hash = Mixer()
            for field in fields {
                hash.mix(field.constant)
                switch record.values[field.index] {
                case .empty: hash.mix(0)
                case .integer(let number): hash.mix(1); hash.mix(UInt64(bitPattern: Int64(number)))
                case .date(let date): hash.mix(2); hash.mix(UInt64(date.year * 10_000 + date.month * 100 + date.day))
                case .text(var text):
                    hash.mix(3)
                    text.withUTF8 { hash.mix($0) }
                }
            }
            return Fingerprint(digest: Int64(bitPattern: hash.value), amount: amount.flatMap { record.values[$0].integer })
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

    /// Mixes 64-bit words into a digest (a multiply and a shift per word).
    private struct Mixer {
        private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

        mutating func mix(_ word: UInt64) {
            value = (value ^ word) &* 0xBF58_476D_1CE4_E5B9
            value ^= value >> 31
        }

        /// Bytes eight at a time, then the rest with the count.
        mutating func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
            let raw = UnsafeRawBufferPointer(bytes)
            var start = 0
            while start + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
                start += 8
            }
            var tail: UInt64 = 0  // at most 7 bytes, below the count's byte
            for byte in bytes[start...] { tail = tail << 8 | UInt64(byte) }
            mix(tail ^ UInt64(truncatingIfNeeded: bytes.count) << 56)
        }
    }
}
