import GRDB
import GRDBSQLite

/// Binding and stepping a cached statement through the SQLite C API, for the statements a run
/// executes once per record: GRDB's `StatementArguments` costs an allocation per value.
struct RawStatement {
    private let statement: Statement

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Binds parameter `index` (1-based).
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    /// Binds parameter `index` (1-based) to a number, or NULL.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
    }

    /// Binds parameter `index` (1-based) to a copy of the text, or NULL.
    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
    }

    /// Binds parameter `index` (1-based) to a copy of the text.
    func bind(_ index: Int32, _ value: String) {
        let length = Int32(value.utf8.count)
        value.withCString { _ = sqlite3_bind_text(statement.sqliteStatement, index, $0, length, Self.transient) }
    }

    /// Runs the statement to its end and resets it.
    /// - Returns: the number of rows it changed.
    func execute(on db: Database) throws -> Int {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Runs a query that gives at most one row and reads it with `read` (given the statement, to
    /// read columns with `int64(_:)` and `text(_:)`), then resets the statement.
    /// - Returns: what `read` gave, nil when there was no row.
    func row<T>(on db: Database, _ read: (RawStatement) -> T) throws -> T? {
        defer { sqlite3_reset(statement.sqliteStatement) }
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return read(self)
        case SQLITE_DONE: return nil
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Column `index` (0-based) of the current row as a number, nil for NULL.
    func int64(_ index: Int32) -> Int64? {
        sqlite3_column_type(statement.sqliteStatement, index) == SQLITE_NULL ? nil : sqlite3_column_int64(statement.sqliteStatement, index)
    }

    /// Column `index` (0-based) of the current row as text (empty for NULL).
    func text(_ index: Int32) -> String {
        sqlite3_column_text(statement.sqliteStatement, index).map { String(cString: $0) } ?? ""
    }

    // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
