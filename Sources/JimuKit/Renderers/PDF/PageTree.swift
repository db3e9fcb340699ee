/// The page tree cairo writes at the end of a PDF: `/Type /Pages /Kids [ 2 0 R 16 0 R … ]`.
enum PageTree {
    /// Moves the last `count` page references of the tree to its front, in `bytes` (the tail of
    /// the file, which holds the tree). The references keep their text, so the length and every
    /// offset in the cross-reference table stay the same.
    /// - Returns: false when the tree is not there or has fewer pages.
    static func moveLastPagesFirst(_ count: Int, in bytes: inout [UInt8]) -> Bool {
        let marker = Array("/Type /Pages".utf8)
        guard let start = lastIndex(of: marker, in: bytes),
              let open = bytes[start...].firstIndex(of: UInt8(ascii: "[")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: "]"))
        else { return false }
        let words = bytes[(open + 1)..<close].split(separator: UInt8(ascii: " "))
        guard words.count % 3 == 0, words.count / 3 >= count else { return false }
        let references = stride(from: 0, to: words.count, by: 3).map { Array(words[$0..<$0 + 3].joined(separator: [UInt8(ascii: " ")])) }
        let reordered = Array(references.suffix(count)) + references.dropLast(count)
        let text = [UInt8(ascii: " ")] + Array(reordered.joined(separator: [UInt8(ascii: " ")])) + [UInt8(ascii: " ")]
        guard text.count == close - open - 1 else { return false }
        bytes.replaceSubrange((open + 1)..<close, with: text)
        return true
    }

    private static func lastIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) { return index }
            index -= 1
        }
        return nil
    }
}
