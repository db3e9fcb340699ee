import JimuSpec

/// A table records are joined with: rows keyed by one column.
protocol JoinTable: AnyObject, Sendable {
    /// The input's name.
    var name: String { get }
    /// The columns of each row.
    var columns: [String] { get }
    /// The values of row `position`.
    subscript(position: Int) -> [String] { get }
    /// Where row `position` is.
    func location(of position: Int) -> RecordLocation
    /// The position of the row for a key, or why there is none (or several).
    func row(for key: String) -> Result<Int, Rejection>
    /// Every row for a key (an `each` join), or why there is none.
    func rows(for key: String) -> Result<[Int], Rejection>
    /// The files read so far.
    var files: [InputFileDigest] { get }
    /// Rows that could not be read, reported as warnings of the run.
    var unreadable: [(location: RecordLocation, problem: InputProblem)] { get }
}

/// An input loaded whole and keyed by one column, for joins (payee master, encumbrances).
/// Immutable once loaded, and a class so that records share it without copying.
final class LookupTable: JoinTable {
    /// The input's name.
    let name: String
    /// The key column.
    let keyColumn: String
    /// The columns of each row.
    let columns: [String]
    /// Every row, in file order.
    private let rows: [[String]]
    /// Where each row is.
    private let locations: [RecordLocation]
    /// The row of each normalised key (its first, when several have it).
    private let positions: [String: Int]
    /// Every row of the keys several rows have, kept apart to report the ambiguity.
    private let repeated: [String: [Int]]
    /// The key column's position in each row.
    private let keyIndex: Int
    /// Rows that could not be read, reported as warnings of the run.
    let unreadable: [(location: RecordLocation, problem: InputProblem)]
    /// The files read.
    let files: [InputFileDigest]

    /// Loads every record of a source.
    /// - Throws: `InputError` when the key column is missing or the source cannot be read.
    init(name: String, keyColumn: String, source: inout some RecordSource) throws {
        self.name = name
        self.keyColumn = keyColumn
        columns = source.columns
        guard let keyIndex = columns.firstIndex(of: keyColumn) else {
            let file = source.files.first?.path ?? name
            // The header's cells are not listed: a file without its header row has data there.
            throw InputError(
                file: file, line: 1, "input '\(name)' has no column '\(keyColumn)' to use as its key",
                hint: Suggestion.hint(for: keyColumn, in: columns)
                    ?? "its first row names \(columns.count) columns, none of them '\(keyColumn)'; is the header row missing?")
        }
        var rows: [[String]] = [], locations: [RecordLocation] = []
        var positions: [String: Int] = [:], repeated: [String: [Int]] = [:]
        var unreadable: [(location: RecordLocation, problem: InputProblem)] = []
        while let record = try source.next() {
            if let problem = record.problem {
                unreadable.append((record.location, problem))
                continue
            }
            let key = Self.normalise(record.values[keyIndex])
            if let first = positions[key] {
                repeated[key, default: [first]].append(rows.count)
            } else {
                positions[key] = rows.count
            }
            rows.append(record.values)
            locations.append(record.location)
        }
        (self.rows, self.locations, self.positions, self.repeated, self.unreadable) = (rows, locations, positions, repeated, unreadable)
        self.keyIndex = keyIndex
        files = source.files
    }

    /// The number of rows.
    var count: Int { rows.count }

    /// The values of row `position`.
    subscript(position: Int) -> [String] { rows[position] }

    /// Where row `position` is.
    func location(of position: Int) -> RecordLocation { locations[position] }

    /// The position of the row for a key.
    /// - Returns: the row's position, or a rejection for no match or several.
    func row(for key: String) -> Result<Int, Rejection> {
        let normalised = Self.normalise(key)
        if let position = positions[normalised], repeated.isEmpty || repeated[normalised] == nil { return .success(position) }
        let matches = self.matches(normalised)
        switch matches.count {
        case 1:
            return .success(matches[0])
        case 0:
            return .failure(Rejection(
                field: nil, rule: "join",
                message: "no row in '\(name)' has \(keyColumn) '\(key)'; add it to the master or correct the record"))
        default:
            let lines = matches.map { locations[$0].description }.joined(separator: ", ")
            return .failure(Rejection(
                field: nil, rule: "join",
                message: "\(matches.count) rows in '\(name)' have \(keyColumn) '\(key)' (\(lines)); keys must be unique"))
        }
    }

    /// Every row for a key, followed by the rows with an empty key (which apply to every key), with
    /// rows repeating an earlier one's values (the same bank branch in both lists) left out.
    /// - Returns: the rows' positions, or a rejection when there are none.
    func rows(for key: String) -> Result<[Int], Rejection> {
        let normalised = Self.normalise(key)
        let candidates = (normalised.isEmpty ? [] : matches(normalised)) + matches("")
        guard !candidates.isEmpty else {
            return .failure(Rejection(
                field: nil, rule: "join",
                message: "no row in '\(name)' has \(keyColumn) '\(key)' and it has no rows for everyone; add the rows for it"))
        }
        var seen: Set<[String]> = [], unique: [Int] = []
        for position in candidates {
            var values = rows[position]
            values.remove(at: keyIndex)
            if seen.insert(values).inserted { unique.append(position) }
        }
        return .success(unique)
    }

    /// The rows of a normalised key, in file order.
    private func matches(_ key: String) -> [Int] {
        repeated[key] ?? positions[key].map { [$0] } ?? []
    }

    /// Keys compare after trimming and width folding (`００１２` equals `0012`).
    static func normalise(_ key: String) -> String {
        JapaneseText.foldWidth(JapaneseText.trim(key))
    }
}
