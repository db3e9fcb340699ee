/// What is worked out from one joined row alone, kept per row: a payee's fields, the checks of its
/// 登録番号, its CSV cells, its 全銀 account part. Thousands of records are formed with a few
/// hundred payees, so each is worked out once per row instead of once per record. The one memo of
/// the pipeline: the mapper, the validator and the CSV and 全銀 renderers keep their per-row work
/// here, and `RecordSchema.join(of:)` says what depends on one row alone.
///
/// Rows past `keptRows` of a join are worked out each time, so a huge table keeps memory flat.
struct RowMemo<Value> {
    /// The rows kept per join (65,536: a payee master of a city is far smaller).
    static var keptRows: Int { 65_536 }

    private var rows: [[Value?]] = []

    /// The value kept for `row` of `join`; nil when none is kept yet, or the record has no row
    /// there (an optional join that found none). Setting keeps it (nothing past `keptRows`).
    subscript(join join: Int, row row: Int?) -> Value? {
        get {
            guard let row, join < rows.count, row < rows[join].count else { return nil }
            return rows[join][row]
        }
        set {
            guard let row, row < Self.keptRows else { return }
            if join >= rows.count { rows.append(contentsOf: repeatElement([], count: join + 1 - rows.count)) }
            if row >= rows[join].count { rows[join].append(contentsOf: repeatElement(nil, count: row + 1 - rows[join].count)) }
            rows[join][row] = newValue
        }
    }

    /// Works on the value kept for `row` of `join` in place, without copying what it holds; nil
    /// when none is kept.
    mutating func withValue<R>(join: Int, row: Int?, _ body: (inout Value) throws -> R) rethrows -> R? {
        guard let row, join < rows.count, row < rows[join].count, rows[join][row] != nil else { return nil }
        return try body(&rows[join][row]!)
    }
}

extension Record {
    /// The row of `join` the record was formed with, nil when none.
    func row(of join: Int) -> Int? {
        join < joinedRows.count ? joinedRows[join] : nil
    }
}

extension RowMemo: Sendable where Value: Sendable {}
