/// Options a designated bank (指定金融機関) may require of a 総合振込 file.
struct ZenginOptions: Sendable, Equatable {
    /// CRLF after every record (`true`), or records back to back.
    var lineBreaks = true
    /// An EOF byte 0x1A after the last record.
    var eofMarker = false
    /// Unused 顧客コード as zeros instead of spaces.
    var zeroUnusedCustomerCodes = false

    /// The defaults: CRLF, no EOF byte, blank customer codes.
    init() {}

    /// A 顧客コード as written: an unused one as zeros when the bank asks for that.
    func customerCode(_ code: String) -> String {
        code.isEmpty && zeroUnusedCustomerCodes ? "0000000000" : code
    }
}

/// Builds a 全銀協 総合振込 file: header, data records, trailer with count and total, end record.
/// Every record is checked to be exactly 120 bytes of single-byte characters.
struct ZenginFile {
    let header: [String: String]
    let options: ZenginOptions
    let codec = CP932Codec()
    private(set) var count = 0
    private(set) var total = 0
    /// The most the trailer's 合計件数 (6 digits) and 合計金額 (12 digits) can hold.
    static let maximumCount = 999_999
    static let maximumTotal = 999_999_999_999

    /// Starts a file; `header` holds the header fields by name (see `ZenginLayout.header`).
    init(header: [String: String], options: ZenginOptions = ZenginOptions()) {
        self.header = header
        self.options = options
    }

    /// The header record.
    func begin() throws(FixedWidthLayout.Failure) -> [UInt8] {
        try line(ZenginLayout.header.encode(header, codec: codec))
    }

    /// Counts a data record written elsewhere (by `ZenginRenderer.render`) into the trailer.
    mutating func tally(amount: Int) {
        count += 1
        total += amount
    }

    /// The bytes of a record with the file's line break.
    static func line(_ record: consuming [UInt8], _ options: ZenginOptions) -> [UInt8] {
        if options.lineBreaks { record.append(contentsOf: [0x0D, 0x0A]) }
        return record
    }

    /// One data record; adds its amount to the trailer's total.
    mutating func add(_ values: [String: String]) throws(FixedWidthLayout.Failure) -> [UInt8] {
        var values = values
        for key in ["顧客コード1", "顧客コード2"] { values[key] = options.customerCode(values[key] ?? "") }
        let bytes = try ZenginLayout.data.encode(values, codec: codec)
        guard let amount = Int(values["振込金額"] ?? ""), amount > 0 else {
            throw FixedWidthLayout.Failure(description: "data record: 振込金額 '\(values["振込金額"] ?? "")' must be a positive amount")
        }
        tally(amount: amount)
        return line(bytes)
    }

    /// The trailer and end records (and the EOF byte when asked for).
    func finish() throws(FixedWidthLayout.Failure) -> [UInt8] {
        let trailer = try ZenginLayout.trailer.encode(["合計件数": String(count), "合計金額": String(total)], codec: codec)
        let end = try ZenginLayout.end.encode([:], codec: codec)
        return line(trailer) + line(end) + (options.eofMarker ? [0x1A] : [])
    }

    private func line(_ record: [UInt8]) -> [UInt8] {
        precondition(record.count == 120, "a 全銀 record must be 120 bytes")
        return Self.line(record, options)
    }
}

/// Reads a 総合振込 file back and verifies it: record widths, the order header → data → trailer →
/// end, numeric fields, and the trailer's count and total against the data records.
enum ZenginReader {
    /// A file read back.
    struct Contents {
        var header: [String: String]
        var data: [[String: String]]
        var trailer: [String: String]
    }

    /// Parses and verifies a file.
    /// - Throws: `FixedWidthLayout.Failure` naming the record number and what is wrong.
    static func read(_ bytes: [UInt8]) throws(FixedWidthLayout.Failure) -> Contents {
        let codec = CP932Codec()
        var body = bytes.last == 0x1A ? Array(bytes.dropLast()) : bytes
        let withBreaks = body.count >= 122 && body[120] == 0x0D && body[121] == 0x0A
        let stride = withBreaks ? 122 : 120
        guard body.count % stride == 0 else {
            throw FixedWidthLayout.Failure(description: "the file is \(body.count) bytes, not a whole number of \(stride)-byte records")
        }
        body = body.count > 0 ? body : []
        var records: [ArraySlice<UInt8>] = []
        for start in Swift.stride(from: 0, to: body.count, by: stride) {
            if withBreaks, body[start + 120] != 0x0D || body[start + 121] != 0x0A {
                throw FixedWidthLayout.Failure(description: "record \(start / stride + 1) does not end with CRLF at byte 121")
            }
            records.append(body[start..<(start + 120)])
        }
        guard records.count >= 3, records.first?.first == 0x31, records.last?.first == 0x39,
              records[records.count - 2].first == 0x38
        else { throw FixedWidthLayout.Failure(description: "records must run header (1), data (2), trailer (8), end (9)") }
        let header = try ZenginLayout.header.decode(records[0], codec: codec)
        var data: [[String: String]] = []
        for (index, record) in records.dropFirst().dropLast(2).enumerated() {
            guard record.first == 0x32 else {
                throw FixedWidthLayout.Failure(description: "record \(index + 2) is not a data record")
            }
            data.append(try ZenginLayout.data.decode(record, codec: codec))
        }
        let trailer = try ZenginLayout.trailer.decode(records[records.count - 2], codec: codec)
        _ = try ZenginLayout.end.decode(records[records.count - 1], codec: codec)
        let total = data.reduce(0) { $0 + (Int($1["振込金額"] ?? "") ?? 0) }
        guard Int(trailer["合計件数"] ?? "") == data.count, Int(trailer["合計金額"] ?? "") == total else {
            throw FixedWidthLayout.Failure(description:
                "trailer says \(trailer["合計件数"] ?? "?") records for \(trailer["合計金額"] ?? "?") yen; the data records are \(data.count) for \(total) yen")
        }
        return Contents(header: header, data: data, trailer: trailer)
    }
}
