import Yams

/// The character encodings Jimu reads and writes.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8; a byte order mark is skipped on input.
    case utf8 = "utf-8"
    /// Windows-31J, the Shift_JIS that Japanese Windows and Excel write (iconv "CP932").
    case cp932

    /// The other spellings users write, all mapped to the one encoding Jimu uses.
    static let aliases: [String: TextEncoding] = [
        "utf8": .utf8, "utf-8": .utf8,
        "cp932": .cp932, "windows-31j": .cp932, "ms932": .cp932, "shift_jis": .cp932,
        "shift-jis": .cp932, "sjis": .cp932,
    ]

    /// Reads an encoding name, accepting the usual aliases.
    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> TextEncoding? {
        guard let text = reader.string(node, at: path) else { return nil }
        if let encoding = aliases[text.lowercased()] { return encoding }
        reader.error(
            "unknown encoding '\(text)'; expected utf-8 or cp932", at: path, node: node,
            hint: Suggestion.hint(for: text, in: aliases.keys.sorted()))
        return nil
    }
}

/// How lines end in a text output.
public enum LineEnding: String, Sendable, CaseIterable {
    /// `\r\n`, what Windows, Excel and most accounting systems expect.
    case crlf
    /// `\n`.
    case lf

    /// The bytes of the line ending.
    public var bytes: [UInt8] { self == .crlf ? [0x0D, 0x0A] : [0x0A] }
}
