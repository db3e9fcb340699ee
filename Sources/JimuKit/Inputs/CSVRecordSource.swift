import Crypto
import Foundation
import JimuSpec

/// Streams records from one or more CSV files with a header row, in 1 MB chunks, so memory stays
/// flat however long the file is. UTF-8 (with or without BOM) or CP932.
struct CSVRecordSource: RecordSource {
    /// The largest row accepted; a longer one is almost always a quote that never closes.
    static let maxRowBytes = 16 << 20
    private let chunkSize: Int

    private(set) var columns: [String] = []
    private(set) var files: [InputFileDigest] = []
    var rejectsFormat: RejectsFormat {
        .csv(header: headerBytes, encoding: options.encoding, lineBreak: lineBreak)
    }

    private let urls: [URL]
    private let display: (URL) -> String
    private let options: CSVInputOptions
    private let codec = CP932Codec()
    private var parser = CSVRowParser()
    private var fileIndex = -1
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private var line = 1
    private var recordIndex = 0
    private var hasher = SHA256()
    private var size = 0
    /// The sizes of all files, and the bytes of the files done, for `fractionRead`.
    private var totalBytes = 0
    /// A rejects file being replayed (its last column is 却下理由): the `'` that guarded a formula
    /// cell is taken off again.
    private var isRejectsFile = false
    private var bytesBefore = 0
    private var fileRecords = 0
    private var headerBytes: ArraySlice<UInt8> = []
    private var lineBreak: [UInt8] = [0x0D, 0x0A]

    /// Opens the files in order; the first file's header defines the columns.
    /// - Parameter chunkSize: bytes read at a time (1 MB; tests use tiny chunks to cross boundaries).
    /// - Throws: `InputError` when the first file cannot be opened or its header is broken.
    init(
        files urls: [URL], options: CSVInputOptions, chunkSize: Int = 1 << 20, display: @escaping (URL) -> String
    ) throws {
        self.urls = urls
        self.chunkSize = chunkSize
        self.options = options
        self.display = display
        totalBytes = urls.reduce(0) { total, url in
            total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0)
        }
        if !urls.isEmpty { try openNextFile() }
    }

    var fractionRead: Double? {
        totalBytes > 0 ? min(1, Double(bytesBefore + size) / Double(totalBytes)) : nil
    }

    mutating func next() throws -> SourceRecord? {
        while fileIndex < urls.count {
            if let record = try nextInFile() { return record }
            finishFile()
            if fileIndex + 1 < urls.count { try openNextFile() } else { fileIndex = urls.count }
        }
        return nil
    }

    // MARK: - Private

    private var file = ""

    private mutating func nextInFile() throws -> SourceRecord? {
        while true {
            guard let row = try nextRow() else { return nil }
            let startLine = line
            line += row.lines
            let raw = buffer[start..<(start + row.contentLength)]
            start += row.length
            if parser.fieldEnds.count == 1 && parser.scratch.isEmpty && row.problem == nil { continue }
            recordIndex += 1
            fileRecords += 1
            let location = RecordLocation(file: file, line: startLine, index: recordIndex)
            var record = SourceRecord(values: [], location: location, raw: raw, problem: nil)
            if let problem = row.problem {
                record.problem = describe(problem, startLine: startLine)
            } else if parser.fieldEnds.count != columns.count {
                record.problem = InputProblem(
                    message: "the row has \(parser.fieldEnds.count) fields but the header has \(columns.count)")
            } else {
                decodeFields(into: &record)
            }
            return record
        }
    }

    private mutating func decodeFields(into record: inout SourceRecord) {
        record.values.reserveCapacity(columns.count)
        for index in 0..<parser.fieldEnds.count {
            switch decode(parser.field(index)) {
            case .success(let value): record.values.append(value)
            case .failure(let problem):
                record.values = []
                record.problem = InputProblem(column: index + 1, columnName: columns[index], message: problem.message)
                return
            }
        }
        if isRejectsFile { record.values = record.values.map(CSVCell.unguarded) }
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> Result<String, InputProblem> {
        bytes.withUnsafeBufferPointer { pointer in
            if let problem = InputProblem.controlCharacter(in: pointer) { return .failure(problem) }
            switch options.encoding {
            case .utf8:
                if let text = String(validating: pointer, as: UTF8.self) { return .success(text) }
                return .failure(InputProblem(message: "bytes that are not UTF-8; save the file as UTF-8 or set 'encoding: cp932'"))
            case .cp932:
                do { return .success(try codec.decode(pointer)) } catch let error as CP932Codec.Failure {
                    guard case .invalidBytes(let offset, let bad) = error else { return .failure(InputProblem(message: "\(error)")) }
                    let hex = bad.map { String(format: "%02X", $0) }.joined(separator: " ")
                    return .failure(InputProblem(
                        message: "invalid CP932 bytes \(hex) at byte \(offset + 1) of the field; re-export the file as Shift_JIS (CP932)"))
                } catch {
                    return .failure(InputProblem(message: "\(error)"))
                }
            }
        }
    }

    private func describe(_ problem: (field: Int, kind: CSVRowParser.Problem), startLine: Int) -> InputProblem {
        let name = problem.field <= columns.count ? columns[problem.field - 1] : nil
        let message: String =
            switch problem.kind {
            case .unterminatedQuote(let offset):
                "the quote opened on line \(startLine + offset) never closes, so everything up to the end of the file "
                    + "is in this record; close the quote and run again"
            case .textAfterQuote:
                "text after the closing quote; quote the whole field and double inner quotes (\"\")"
            case .quoteInUnquotedField:
                "a quote inside an unquoted field; quote the whole field and double inner quotes (\"\")"
            }
        return InputProblem(column: problem.field, columnName: name, message: message)
    }

    /// The next complete row in the buffer, reading more of the file as needed.
    private mutating func nextRow() throws -> CSVRowParser.Row? {
        while true {
            if start >= buffer.count && atEOF { return nil }
            let row = buffer.withUnsafeBufferPointer { parser.parse($0, from: start, atEOF: atEOF) }
            if let row { return row }
            if buffer.count - start > Self.maxRowBytes {
                throw InputError(
                    file: file, line: line, "a record longer than 16 MB starts here",
                    hint: "a quote that never closes is the usual cause")
            }
            try readChunk()
        }
    }

    private mutating func readChunk() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let data: Data
        do { data = try handle?.read(upToCount: chunkSize) ?? Data() } catch {
            throw InputError(file: file, "cannot read: \(error.localizedDescription)")
        }
        if data.isEmpty {
            atEOF = true
            return
        }
        hasher.update(data: data)
        size += data.count
        buffer.append(contentsOf: data)
    }

    private mutating func openNextFile() throws {
        fileIndex += 1
        let url = urls[fileIndex]
        file = display(url)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InputError(file: display(url), "cannot open the file", hint: "check that it exists and is readable")
        }
        self.handle = handle
        (buffer, start, atEOF, line, hasher, size, fileRecords) = ([], 0, false, 1, SHA256(), 0, 0)
        try readHeader()
    }

    private mutating func readHeader() throws {
        try readChunk()
        if let (message, hint) = InputSniff.problem(buffer, as: .csv) { throw InputError(file: file, message, hint: hint) }
        if options.encoding == .utf8, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var names: [String]?
        while names == nil {
            guard let row = try nextRow() else {
                throw InputError(file: file, "the file is empty; a header row is needed", hint: "export it with column names")
            }
            let headerLine = line
            line += row.lines
            if parser.fieldEnds.count == 1 && parser.scratch.isEmpty { start += row.length; continue }
            headerBytes = buffer[start..<(start + row.contentLength)]
            if let (message, hint) = InputSniff.headerProblem(headerBytes, configured: options.encoding) {
                throw InputError(file: file, line: headerLine, message, hint: hint)
            }
            lineBreak = row.length - row.contentLength == 1 ? [0x0A] : [0x0D, 0x0A]
            start += row.length
            names = try headerNames(row, line: headerLine)
        }
        let renamed = names!.map { options.rename[$0] ?? $0 }
        if fileIndex == 0 {
            columns = renamed
            isRejectsFile = columns.last == RejectsWriter.reasonColumn
        } else if renamed != columns {
            throw InputError(
                file: file, line: 1, "the header differs from the first file's (\(display(urls[0])))",
                hint: "all files of one input need the same columns")
        }
    }

    private func headerNames(_ row: CSVRowParser.Row, line: Int) throws -> [String] {
        if row.problem != nil { throw InputError(file: file, line: line, "the header row is not valid CSV") }
        var names: [String] = []
        for index in 0..<parser.fieldEnds.count {
            guard case .success(let name) = decode(parser.field(index)) else {
                throw InputError(file: file, line: line, "the header's column \(index + 1) is not \(options.encoding.rawValue) text")
            }
            let trimmed = JapaneseText.trim(name)
            if names.contains(trimmed) {
                throw InputError(file: file, line: line, "the header names '\(trimmed)' twice", hint: "column names must be unique")
            }
            names.append(trimmed)
        }
        return names
    }

    private mutating func finishFile() {
        guard fileIndex >= 0, fileIndex < urls.count else { return }
        try? handle?.close()
        handle = nil
        bytesBefore += size
        let digest = FileDigest.hex(hasher.finalize())
        files.append(InputFileDigest(path: file, sha256: digest, size: size, records: fileRecords))
    }
}
