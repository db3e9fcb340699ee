import JimuSpec

/// Writes rejected records so a clerk can fix them and replay the file as input: for CSV inputs the
/// original header and raw rows in the original encoding plus a 却下理由 column (UTF-8 files get a
/// BOM so Excel opens them correctly; the CSV reader skips it on replay); for XML inputs a
/// UTF-8 listing of file, line and reason. Cells Excel would run as formulas get a leading `'`
/// (`CSVCell.neutralisedRow`), which a replay takes off again; control characters in reasons
/// are escaped.
struct RejectsWriter {
    static let reasonColumn = "却下理由"

    let format: RejectsFormat
    let path: String
    private let codec = CP932Codec()
    private(set) var count = 0

    init(format: RejectsFormat, path: String) {
        self.format = format
        self.path = path
    }

    /// The bytes for one rejected record (with the file's header before the first).
    mutating func bytes(for record: SourceRecord, reason: String) -> [UInt8] {
        var bytes: [UInt8] = []
        if count == 0 { bytes = header() }
        count += 1
        switch format {
        case .csv(_, let encoding, let lineBreak):
            bytes.append(contentsOf: CSVCell.neutralisedRow(record.raw))
            bytes.append(0x2C)
            bytes.append(contentsOf: encode(CSVCell.quoted(CSVCell.neutralised(PrintableText.escaped(reason))), encoding))
            bytes.append(contentsOf: lineBreak)
        case .listing:
            let cells = [record.location.file, record.location.line.map(String.init) ?? "", String(record.location.index), PrintableText.escaped(reason)]
            bytes.append(contentsOf: cells.map { CSVCell.quoted(CSVCell.neutralised($0)) }.joined(separator: ",").utf8)
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
        return bytes
    }

    private func header() -> [UInt8] {
        switch format {
        case .csv(let header, let encoding, let lineBreak):
            let bom: [UInt8] = encoding == .utf8 ? [0xEF, 0xBB, 0xBF] : []
            return bom + Array(header) + [0x2C] + encode(Self.reasonColumn, encoding) + lineBreak
        case .listing:
            return [0xEF, 0xBB, 0xBF] + Array("ファイル,行,レコード,\(Self.reasonColumn)\r\n".utf8)
        }
    }

    /// Encodes text; characters CP932 cannot hold become `?` (the reason is ours, not the data).
    private func encode(_ text: String, _ encoding: TextEncoding) -> [UInt8] {
        encoding == .cp932 ? codec.encodeReplacing(text) : Array(text.utf8)
    }
}
