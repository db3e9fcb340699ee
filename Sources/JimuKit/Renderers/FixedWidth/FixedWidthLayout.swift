/// A fixed-width record layout as data: fields in order, each numeric (right-aligned, zero-filled)
/// or text (left-aligned, space-filled), in single-byte CP932 (JIS X 0201) characters.
public struct FixedWidthLayout: Sendable {
    /// One field.
    public struct Field: Sendable {
        /// How a field is filled.
        public enum Kind: Sendable {
            /// Digits, right-aligned, zero-filled (`N`).
            case numeric
            /// Single-byte text, left-aligned, space-filled (`C`).
            case text
        }

        /// The field's name, used for values and in errors.
        public let name: String
        /// Bytes.
        public let width: Int
        /// N or C.
        public let kind: Kind
        /// A fixed value (the record type digit), or nil for a value given per record.
        public let constant: String?

        /// Creates a field.
        public init(_ name: String, _ width: Int, _ kind: Kind, constant: String? = nil) {
            self.name = name
            self.width = width
            self.kind = kind
            self.constant = constant
        }
    }

    /// Why a record cannot be written or read.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The layout's name (`header`, `data`, …).
    public let name: String
    /// Fields in order.
    public let fields: [Field]
    /// Where each field starts in a record.
    public let offsets: [Int]
    /// The record width in bytes.
    public let width: Int
    /// A record with no values: the constants, numeric fields zero-filled, text fields space-filled.
    public let blank: [UInt8]

    /// Creates a layout.
    public init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
        offsets = fields.indices.map { index in fields[..<index].reduce(0) { $0 + $1.width } }
        width = fields.reduce(0) { $0 + $1.width }
        var blank: [UInt8] = []
        for field in fields {
            blank += Array(field.constant?.utf8 ?? "".utf8)
            blank += repeatElement(field.kind == .numeric ? 0x30 : 0x20, count: field.width - (field.constant?.utf8.count ?? 0))
        }
        self.blank = blank
    }

    /// The position of each field by name.
    public func positions() -> [String: Int] {
        Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The bytes of one record, values by field name. Missing text values are spaces; missing
    /// numeric values are zeros.
    public func encode(_ values: [String: String], codec: CP932Codec) throws(Failure) -> [UInt8] {
        try encode(fields.map { values[$0.name] }, codec: codec)
    }

    /// The bytes of one record, values in field order (`nil` for a missing value), with room left
    /// for a line break.
    public func encode(_ values: [String?], codec: CP932Codec) throws(Failure) -> [UInt8] {
        var bytes = blank
        bytes.reserveCapacity(width + 2)
        for (index, value) in zip(fields.indices, values) {
            if let value { try write(value, field: index, into: &bytes, codec: codec) }
        }
        return bytes
    }

    /// Writes one field of a record of this layout (`blank`, say): numeric values right-aligned and
    /// zero-filled, text left-aligned and space-filled. A field with a constant keeps it.
    public func write(_ value: String, field index: Int, into record: inout [UInt8], codec: CP932Codec) throws(Failure) {
        guard fields[index].constant == nil else { return }
        let width = fields[index].width, kind = fields[index].kind
        var text = value
        let written = text.withUTF8 { utf8 in
            record.withUnsafeMutableBufferPointer { bytes in
                let slot = UnsafeMutableBufferPointer(rebasing: bytes[offsets[index]..<(offsets[index] + width)])
                return kind == .numeric ? Self.writeDigits(utf8, into: slot) : Self.writeSingleByte(utf8, into: slot)
            }
        }
        if written { return }
        guard kind == .text else {
            throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' is not a number of at most \(width) digits")
        }
        var encoded: [UInt8] = []
        // No CP932 lead byte (0x81–0x9F, 0xE0–0xFC): ASCII and half-width katakana only.
        guard (try? codec.encode(value, into: &encoded)) != nil, encoded.allSatisfy({ $0 < 0x81 || (0xA0...0xDF).contains($0) }) else {
            throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' has a character that is not single-byte JIS X 0201")
        }
        guard encoded.count <= width else {
            throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' is \(encoded.count) bytes; the field holds \(width)")
        }
        let start = offsets[index]
        for offset in 0..<width { record[start + offset] = offset < encoded.count ? encoded[offset] : 0x20 }
    }

    /// Digits right-aligned and zero-filled; false when there are too many or one is not a digit.
    private static func writeDigits(_ digits: UnsafeBufferPointer<UInt8>, into slot: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard digits.count <= slot.count, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let padding = slot.count - digits.count
        for offset in 0..<padding { slot[offset] = 0x30 }
        for offset in digits.indices { slot[padding + offset] = digits[offset] }
        return true
    }

    /// ASCII and half-width katakana (U+FF61–U+FF9F, CP932 0xA1–0xDF) straight from UTF-8,
    /// space-filled; false for any other character (the codec names it) or when it does not fit.
    private static func writeSingleByte(_ utf8: UnsafeBufferPointer<UInt8>, into slot: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        var count = 0, index = 0
        while index < utf8.count {
            guard count < slot.count else { return false }
            let lead = utf8[index]
            if lead < 0x80 {
                slot[count] = lead
                index += 1
            } else if lead == 0xEF, index + 2 < utf8.count,
                      case let (second, third) = (utf8[index + 1], utf8[index + 2]),
                      (second == 0xBD && (0xA1...0xBF).contains(third)) || (second == 0xBE && (0x80...0x9F).contains(third))
            {
                slot[count] = second == 0xBD ? third : third + 0x40
                index += 3
            } else {
                return false
            }
            count += 1
        }
        for offset in count..<slot.count { slot[offset] = 0x20 }
        return true
    }

    /// The values of one record, text fields with trailing spaces removed.
    public func decode(_ bytes: ArraySlice<UInt8>, codec: CP932Codec) throws(Failure) -> [String: String] {
        guard bytes.count == width else { throw Failure(description: "\(name) record is \(bytes.count) bytes; expected \(width)") }
        var values: [String: String] = [:]
        var offset = bytes.startIndex
        for field in fields {
            let slice = bytes[offset..<(offset + field.width)]
            offset += field.width
            let text: String
            do { text = try codec.decode(Array(slice)) } catch {
                throw Failure(description: "\(name) record: \(field.name) has bytes that are not JIS X 0201")
            }
            switch field.kind {
            case .numeric:
                guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) || text.utf8.allSatisfy({ $0 == 0x20 }) else {
                    throw Failure(description: "\(name) record: \(field.name) '\(text)' is not numeric")
                }
                values[field.name] = text
            case .text:
                values[field.name] = String(text.reversed().drop { $0 == " " }.reversed())
            }
            if let constant = field.constant, values[field.name] != constant {
                throw Failure(description: "\(name) record: \(field.name) is '\(values[field.name] ?? "")'; expected '\(constant)'")
            }
        }
        return values
    }
}
