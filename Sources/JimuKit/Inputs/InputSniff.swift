import JimuSpec

/// What the first bytes of an input file say it is, against what the job reads it as: a
/// spreadsheet saved as `.xlsx` and named in `csv:`, a UTF-16 export, a header in the other
/// Japanese encoding. Such a file exists but cannot be read as configured: the run fails with
/// exit 65 and says what to do, rather than rejecting every row or reading mojibake.
enum InputSniff {
    /// What is wrong with reading a file that starts with `bytes` as `kind`, with what to do.
    static func problem(_ bytes: some Collection<UInt8>, as kind: Kind) -> (message: String, hint: String)? {
        let start = Array(bytes.prefix(8))
        let save = kind == .xml ? "export it as XML" : "save it from Excel as CSV (\"CSV UTF-8\", or \"CSV\" for CP932)"
        if start.isEmpty {
            return ("the file is empty", kind == .xml ? "export it again" : "export it again with its header row")
        }
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return ("the file is a ZIP archive (an Excel .xlsx workbook?), not \(kind == .xml ? "XML" : "CSV")", save)
        }
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return ("the file is an old Excel workbook (.xls), not \(kind == .xml ? "XML" : "CSV")", save)
        }
        if start.starts(with: Array("%PDF".utf8)) { return ("the file is a PDF, not \(kind == .xml ? "XML" : "CSV")", save) }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return ("the file is UTF-16 text, which Jimu does not read", kind == .xml ? "save it as UTF-8" : save)
        }
        return nil
    }

    /// What a header that did not decode, or decoded as another encoding's text, probably is.
    static func headerProblem(_ header: some Collection<UInt8>, configured: TextEncoding) -> (message: String, hint: String)? {
        guard header.contains(where: { $0 >= 0x80 }) else { return nil }
        let isUTF8 = String(validating: Array(header), as: UTF8.self) != nil
        switch configured {
        case .utf8 where !isUTF8:
            return ("the header row is not UTF-8 text; it looks like Shift_JIS (CP932), as Excel saves \"CSV\"", "add 'encoding: cp932' to the input")
        case .cp932 where isUTF8:
            return ("the header row is UTF-8 text, but the input says 'encoding: cp932'", "remove 'encoding: cp932' from the input, or export the file as Shift_JIS")
        default:
            return nil
        }
    }

    enum Kind { case csv, xml }
}
