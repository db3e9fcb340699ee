extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 in one copy (`append(contentsOf: text.utf8)` goes byte by byte
    /// for strings stored inline).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends bytes after their count as 32 bits, little-endian: a part that cannot run into the
    /// next (sealed orders, the chain's hashed rows).
    mutating func appendCounted(_ part: some Collection<UInt8>) {
        Swift.withUnsafeBytes(of: UInt32(part.count).littleEndian) { append(contentsOf: $0) }
        append(contentsOf: part)
    }
}
