import JimuSpec

/// One record as an input delivers it, before fields are typed and checked.
struct SourceRecord: Sendable {
    /// Column values in the order of the source's `columns`; empty when the record could not be read.
    var values: [String]
    /// Where the record is.
    var location: RecordLocation
    /// The record's original bytes (a CSV row without its line break), for the rejects file.
    var raw: ArraySlice<UInt8>
    /// Set when the record could not be read; it is then rejected with this reason.
    var problem: InputProblem? {
        get { problemBox?.value }
        set { problemBox = newValue.map(Boxed.init) }
    }
    private var problemBox: Boxed<InputProblem>?

    init(values: [String], location: RecordLocation, raw: ArraySlice<UInt8>, problem: InputProblem?) {
        (self.values, self.location, self.raw) = (values, location, raw)
        self.problem = problem
    }
}

/// A rarely set value kept out of line, so that records handed between the threads by the
/// thousand copy a pointer for it rather than its bytes (measured: about 1 % of a run's instructions).
final class Boxed<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Where a record came from: file, line and its number within the input.
struct RecordLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file as shown to users.
    var file: String
    /// The 1-based line the record starts on (CSV and streamed XML), if known.
    var line: Int?
    /// The 1-based position of the record among all records of the input.
    var index: Int
    /// For a record formed once per row of an `each` join, that row's location.
    var row: String?

    var description: String {
        let at = line.map { "\(file):\($0)" } ?? "\(file) (record \(index))"
        return row.map { "\(at) × \($0)" } ?? at
    }
}

/// Why a record could not be read; the record is rejected and the run goes on.
struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based column (CSV field number), if known.
    var column: Int?
    /// The column's header name, if known.
    var columnName: String?
    /// What is wrong and what to do.
    var message: String

    var description: String {
        var text = ""
        if let column { text += "column \(column)" + (columnName.map { " (\($0))" } ?? "") + ": " }
        return text + message
    }
}

extension InputProblem {
    /// A control character among a field's bytes (NUL, ESC, DEL…): such bytes break 全銀 records and
    /// import files and are never meant. Tab and line breaks stay, as XML allows them: a cell of
    /// several lines is ordinary in Excel (and a 全銀 name with one is refused by the kana rules).
    /// In UTF-8 and in CP932 a byte below 0x20, or 0x7F, is always that character itself. XML inputs
    /// need no check of their own: libxml2 refuses a document with any other control character.
    static func controlCharacter(in bytes: UnsafeBufferPointer<UInt8>) -> InputProblem? {
        // Eight bytes at a time: a word with no byte below 0x20 and none equal to 0x7F holds none;
        // the bytes from the first word that may are looked at one by one.
        let raw = UnsafeRawBufferPointer(bytes)
        var start = 0
        while start + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
            let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            let del = word ^ 0x7F7F_7F7F_7F7F_7F7F
            let isDel = (del &- 0x0101_0101_0101_0101) & ~del & 0x8080_8080_8080_8080
            if below | isDel != 0 { break }
            start += 8
        }
        guard let byte = bytes[start...].first(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) else {
            return nil
        }
        let code = String(byte, radix: 16, uppercase: true)
        return InputProblem(message: "contains the control character U+\(String(repeating: "0", count: 4 - code.count) + code); remove it from the input")
    }
}

/// A file that an input read, for the ledger.
public struct InputFileDigest: Sendable, Equatable {
    /// The path as shown to users.
    public var path: String
    /// SHA-256 of the bytes read, lower-case hex.
    public var sha256: String
    /// Size in bytes.
    public var size: Int
    /// Records read from it.
    public var records: Int
}

/// A stream of records from one input.
protocol RecordSource {
    /// The column names; known once the source is opened.
    var columns: [String] { get }
    /// The next record, or nil at the end.
    /// - Throws: `InputError` when the input as a whole cannot be read (missing file, broken header).
    mutating func next() throws -> SourceRecord?
    /// The files read so far, with their hashes (complete once `next()` returned nil).
    var files: [InputFileDigest] { get }
    /// How the rejects file of this input is written (same layout and encoding for CSV).
    var rejectsFormat: RejectsFormat { get }
    /// How much of the input has been read, 0…1, when the source can tell (a progress display).
    var fractionRead: Double? { get }
}

extension RecordSource {
    var fractionRead: Double? { nil }
}

/// How rejected records of an input are written back for a clerk to fix and replay.
enum RejectsFormat: Sendable {
    /// The CSV's own header and raw rows plus a reason column, in the input's encoding.
    case csv(header: ArraySlice<UInt8>, encoding: TextEncoding, lineBreak: [UInt8])
    /// A CSV listing file, record and reason (XML inputs).
    case listing
}
