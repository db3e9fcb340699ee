extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 in one copy (`append(contentsOf: text.utf8)` goes byte by byte
    /// for strings stored inline).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
