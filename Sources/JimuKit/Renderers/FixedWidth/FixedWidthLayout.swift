/// A fixed-width record layout as data: fields in order, each numeric (right-aligned, zero-filled)
/// or text (left-aligned, space-filled), in single-byte CP932 (JIS X 0201) characters.
struct FixedWidthLayout: Sendable {
    /// One field.
    struct Field: Sendable {
        /// How a field is filled.
        enum Kind: Sendable {
            /// Digits, right-aligned, zero-filled (`N`).
            case numeric
            /// Single-byte text, left-aligned, space-filled (`C`).
            case text
        }

        /// The field's name, used for values and in errors.
        let name: String
        /// Bytes.
        let width: Int
        /// N or C.
        let kind: Kind
        /// A fixed value (the record type digit), or nil for a value given per record.
        let constant: String?

        /// Creates a field.
        init(_ name: String, _ width: Int, _ kind: Kind, constant: String? = nil) {
            self.name = name
            self.width = width
            self.kind = kind
            self.constant = constant
        }
    }

    /// Why a record cannot be written or read.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        let description: String
    }

    /// The layout's name (`header`, `data`, …).
    let name: String
    /// Fields in order.
    let fields: [Field]
    /// Where each field starts in a record.
    let offsets: [Int]
    /// The record width in bytes.
    let width: Int
    /// A record with no values: the constants, numeric fields zero-filled, text fields space-filled.
    let blank: [UInt8]

    /// Creates a layout.
    init(name: String, fields: [Field]) {
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
    func positions() -> [String: Int] {
        Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The bytes of one record, values by field name. Missing text values are spaces; missing
    /// numeric values are zeros.
    func encode(_ values: [String: String], codec: CP932Codec) throws(Failure) -> [UInt8] {
        try encode(fields.map { values[$0.name] }, codec: codec)
    }

    /// The bytes of one record, values in field order (`nil` for a missing value), with room left
    /// for a line break.
    func encode(_ values: [String?], codec: CP932Codec) throws(Failure) -> [UInt8] {
        var bytes = blank
        bytes.reserveCapacity(width + 2)
        for (index, value) in zip(fields.indices, values) {
            if let value { try write(value, field: index, into: &bytes, codec: codec) }
        }
        return bytes
    }

    /// Writes one field of a record of this layout (`blank`, say): numeric values right-aligned and
    /// zero-filled, text left-aligned and space-filled. A field with a constant keeps it.
    func write(_ value: String, field index: Int, into record: inout [UInt8], codec: CP932Codec) throws(Failure) {
        guard fields[index].constant == nil else { return }
        let width = fields[index].width, start = offsets[index]
        switch fields[index].kind {
        case .numeric:
            var digits = value
            guard digits.withUTF8({ Self.writeDigits($0, into: &record, at: start, width: width) }) else {
                throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' is not a number of at most \(width) digits")
            }
        case .text:
            // Encoded past the record's end (no buffer of its own), then moved into the field.
            let end = record.count
            defer { record.removeSubrange(end...) }
            // No CP932 lead byte (0x81–0x9F, 0xE0–0xFC): ASCII and half-width katakana only.
            guard (try? codec.encode(value, into: &record)) != nil, record[end...].allSatisfy({ $0 < 0x81 || (0xA0...0xDF).contains($0) }) else {
                throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' has a character that is not single-byte JIS X 0201")
            }
            let count = record.count - end
            guard count <= width else {
                throw Failure(description: "\(name) record: \(fields[index].name) '\(value)' is \(count) bytes; the field holds \(width)")
            }
            for offset in 0..<width { record[start + offset] = offset < count ? record[end + offset] : 0x20 }
        }
    }

    /// Digits right-aligned and zero-filled; false when there are too many or one is not a digit.
    private static func writeDigits(_ digits: UnsafeBufferPointer<UInt8>, into record: inout [UInt8], at start: Int, width: Int) -> Bool {
        guard digits.count <= width, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        let padding = width - digits.count
        for offset in 0..<padding { record[start + offset] = 0x30 }
        for (offset, digit) in digits.enumerated() { record[start + padding + offset] = digit }
        return true
    }

    /// The values of one record, text fields with trailing spaces removed.
    func decode(_ bytes: ArraySlice<UInt8>, codec: CP932Codec) throws(Failure) -> [String: String] {
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
