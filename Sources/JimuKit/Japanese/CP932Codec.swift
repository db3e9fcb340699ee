import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts between UTF-8 and Windows-31J (iconv "CP932", never "SHIFT_JIS", which rejects NEC and
/// IBM extensions such as ①, ㈱ and 髙).
///
/// ASCII-only input skips iconv entirely. An `iconv_t` is not thread-safe, so conversions take a
/// lock (uncontended in practice: each renderer and source has its own codec).
public final class CP932Codec: @unchecked Sendable {
    /// Why a conversion failed.
    public enum Failure: Error, Equatable {
        /// Invalid or truncated CP932 at this byte offset of the input.
        case invalidBytes(offset: Int, bytes: [UInt8])
        /// A character that CP932 cannot represent.
        case unmappable(Character)
    }

    private let decoder: iconv_t
    private let encoder: iconv_t
    private var buffer = [UInt8](repeating: 0, count: 4096)
    private let lock = NSLock()
    /// The CP932 bytes of each BMP character met so far, as iconv gives them: 0 not yet known,
    /// `unmappable`, a single byte (< 0x100) or a lead and trail byte. iconv costs more per call
    /// than a whole row of table lookups.
    private var encodingTable: UnsafeMutableBufferPointer<UInt16>?
    private static let unmappable: UInt16 = 0xFFFF
    /// The scalar of each CP932 code (a byte, or lead << 8 | trail) met so far, as iconv gives it:
    /// 0 not yet known, or `undecodable`.
    private var decodingTable: UnsafeMutableBufferPointer<UInt32>?
    private static let undecodable: UInt32 = 0xFFFF_FFFF

    /// Opens the converters.
    public init() {
        decoder = iconv_open("UTF-8", "CP932")
        encoder = iconv_open("CP932", "UTF-8")
        precondition(decoder != iconv_t(bitPattern: -1) && encoder != iconv_t(bitPattern: -1), "glibc iconv lacks CP932")
    }

    deinit {
        iconv_close(decoder)
        iconv_close(encoder)
        encodingTable?.deallocate()
        decodingTable?.deallocate()
    }

    /// A table of 65,536 entries, all 0 (not yet known), made on first use: a codec that meets only
    /// ASCII never needs one.
    private static func table<Entry: FixedWidthInteger>(_ table: inout UnsafeMutableBufferPointer<Entry>?) -> UnsafeMutableBufferPointer<Entry> {
        if let table { return table }
        let made = UnsafeMutableBufferPointer<Entry>.allocate(capacity: 0x10000)
        made.initialize(repeating: 0)
        table = made
        return made
    }

    /// Decodes CP932 bytes to a String.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        lock.lock()
        defer { lock.unlock() }
        if let text = decodeThroughTable(bytes) { return text }
        let count = try convert(bytes, with: decoder, growth: 3)
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Decodes through the table of characters met so far (filled from iconv), or nil when a byte
    /// sequence is not valid CP932: iconv then names the offending bytes.
    private func decodeThroughTable(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var valid = true
        let table = Self.table(&decodingTable)
        let text = String(unsafeUninitializedCapacity: bytes.count * 3) { utf8 in
            var index = 0, written = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    utf8[written] = lead
                    (index, written) = (index + 1, written + 1)
                    continue
                }
                let double = (0x81...0x9F).contains(lead) || (0xE0...0xFC).contains(lead)
                guard !double || index + 1 < bytes.count else {
                    valid = false
                    return 0
                }
                let code = double ? Int(lead) << 8 | Int(bytes[index + 1]) : Int(lead)
                var scalar = table[code]
                if scalar == 0 {
                    scalar = decodeOne(UnsafeBufferPointer(rebasing: bytes[index..<(index + (double ? 2 : 1))]))
                    table[code] = scalar
                }
                guard scalar != Self.undecodable else {
                    valid = false
                    return 0
                }
                for byte in UTF8.encode(Unicode.Scalar(scalar)!)! {
                    utf8[written] = byte
                    written += 1
                }
                index += double ? 2 : 1
            }
            return written
        }
        return valid ? text : nil
    }

    /// One character's scalar through iconv, as a table entry.
    private func decodeOne(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let count = try? convert(bytes, with: decoder, growth: 3), count > 0,
              let scalar = String(decoding: buffer[0..<count], as: UTF8.self).unicodeScalars.first,
              String(scalar).utf8.count == count
        else { return Self.undecodable }
        return scalar.value
    }

    /// Decodes CP932 bytes to a String.
    public func decode(_ bytes: [UInt8]) throws(Failure) -> String {
        var result: Result<String, Failure> = .success("")
        bytes.withUnsafeBufferPointer { pointer in
            result = Result { () throws(Failure) -> String in try decode(pointer) }
        }
        return try result.get()
    }

    /// Encodes a String to CP932 bytes, appending them to `output`.
    public func encode(_ text: String, into output: inout [UInt8]) throws(Failure) {
        var contiguous = text
        var result: Result<Void, Failure> = .success(())
        contiguous.withUTF8 { utf8 in result = Result { () throws(Failure) in try encode(utf8: utf8, into: &output) } }
        try result.get()
    }

    /// Encodes UTF-8 bytes (valid UTF-8, as from a String) to CP932, appending them to `output`.
    public func encode(utf8: [UInt8], into output: inout [UInt8]) throws(Failure) {
        var result: Result<Void, Failure> = .success(())
        utf8.withUnsafeBufferPointer { utf8 in result = Result { () throws(Failure) in try encode(utf8: utf8, into: &output) } }
        try result.get()
    }

    /// Encodes UTF-8 bytes (valid UTF-8) to CP932 through the character table, appending them to
    /// `output`; on failure `output` is left as it was.
    public func encode(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(Failure) {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            output.append(contentsOf: utf8)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        // CP932 is never longer than UTF-8: 1 → 1, 2 or 3 → at most 2 bytes.
        let start = output.count
        var failedAt: Int?
        output.append(contentsOf: repeatElement(0, count: utf8.count))
        let table = Self.table(&encodingTable)
        let written = output.withUnsafeMutableBufferPointer { all in
            let bytes = UnsafeMutableBufferPointer(rebasing: all[start...])
            var index = 0, written = 0
            while index < utf8.count {
                let lead = utf8[index]
                if lead < 0x80 {
                    bytes[written] = lead
                    (index, written) = (index + 1, written + 1)
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                guard length < 4, index + length <= utf8.count else {
                    failedAt = index
                    return written
                }
                var scalar = UInt32(lead) & (length == 2 ? 0x1F : 0x0F)
                for offset in 1..<length { scalar = scalar << 6 | UInt32(utf8[index + offset] & 0x3F) }
                var encoding = table[Int(scalar)]
                if encoding == 0 {
                    encoding = encodeOne(UnsafeBufferPointer(rebasing: utf8[index..<(index + length)]))
                    table[Int(scalar)] = encoding
                }
                switch encoding {
                case Self.unmappable:
                    failedAt = index
                    return written
                case ..<0x100:
                    bytes[written] = UInt8(encoding)
                    written += 1
                default:
                    bytes[written] = UInt8(encoding >> 8)
                    bytes[written + 1] = UInt8(encoding & 0xFF)
                    written += 2
                }
                index += length
            }
            return written
        }
        output.removeSubrange((start + (failedAt == nil ? written : 0))...)
        if let failedAt {
            throw .unmappable(Self.character(in: String(decoding: utf8, as: UTF8.self), atUTF8Offset: failedAt))
        }
    }

    /// One character's CP932 bytes through iconv, as a table entry.
    private func encodeOne(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt16 {
        let count: Int
        do {
            count = try convert(utf8, with: encoder, growth: 2)
        } catch {
            return Self.unmappable
        }
        switch count {
        case 1: return UInt16(buffer[0])
        case 2 where buffer[0] >= 0x80: return UInt16(buffer[0]) << 8 | UInt16(buffer[1])
        default: return Self.unmappable
        }
    }

    /// Encodes text of Jimu's own making (reasons, report labels) that may quote user values:
    /// characters CP932 cannot hold become `?` instead of failing the whole file.
    public func encodeReplacing(_ text: String) -> [UInt8] {
        if let bytes = try? encode(text) { return bytes }
        var bytes: [UInt8] = []
        for character in text {
            bytes += (try? encode(String(character))) ?? [0x3F]
        }
        return bytes
    }

    /// Encodes a String to CP932 bytes.
    public func encode(_ text: String) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        try encode(text, into: &output)
        return output
    }

    private func convert(_ input: UnsafeBufferPointer<UInt8>, with cd: iconv_t, growth: Int) throws(Failure) -> Int {
        if buffer.count < input.count * growth + 16 { buffer = [UInt8](repeating: 0, count: input.count * growth + 16) }
        _ = iconv(cd, nil, nil, nil, nil)
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
            mutating: UnsafeRawPointer(input.baseAddress!).assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        let capacity = buffer.count
        let outLeft = buffer.withUnsafeMutableBytes { raw -> Int in
            var outPointer: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = capacity
            let status = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            if status == -1 { return -1 }
            var flushLeft = outLeft
            _ = iconv(cd, nil, nil, &outPointer, &flushLeft)
            return flushLeft
        }
        guard outLeft >= 0 else {
            let offset = input.count - inLeft
            let bad = Array(input[offset..<min(offset + 2, input.count)])
            throw .invalidBytes(offset: offset, bytes: bad)
        }
        return capacity - outLeft
    }

    private static func character(in text: String, atUTF8Offset offset: Int) -> Character {
        var position = 0
        for character in text {
            position += character.utf8.count
            if offset < position { return character }
        }
        return text.last ?? " "
    }
}
