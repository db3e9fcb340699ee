import Foundation
import GRDB

/// The orders under approval (`orders`, `order_events`) on the SQLite ledger.
extension SQLiteTransaction {
    /// The orders alone: their issue (起票済, by the run's user on its date) is their row, not an event.
    func recordOrders(_ orders: [HeldOrder], run: Int64, keyScope: String) throws {
        guard !orders.isEmpty else { return }
        let job = try id(of: keyScope, in: "jobs")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO orders (
                sequence_id, fiscal_year, number, job_id, key, run_id, payment_date, amount, transfer, balance, balance_account, drawn,
                state, pay_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
            """)
        var sequence: (name: String, id: Int64)?
        for order in orders {
            if sequence?.name != order.number.sequence { sequence = (order.number.sequence, try id(of: order.number.sequence, in: "number_sequences")) }
            let transfer = order.transfer.map { Data($0).databaseValue } ?? .null
            try insert.execute(arguments: [
                sequence!.id, order.number.fiscalYear, order.number.number, job, order.key, run, order.paymentDate, order.amount,
                transfer, order.drawing?.balance, order.drawing?.account, order.drawing?.amount, order.paymentDate,
            ])
        }
    }

    func orders(_ selection: OrderSelection) throws -> [Order] {
        guard let sequence = try Int64.fetchOne(db, sql: "SELECT id FROM number_sequences WHERE name = ?", arguments: [selection.sequence])
        else { return [] }
        var conditions = ["o.sequence_id = ?"]
        var arguments: StatementArguments = [sequence]
        if let year = selection.fiscalYear {
            conditions.append("o.fiscal_year = ?")
            arguments += [year]
        }
        if !selection.numbers.isEmpty {
            conditions.append("(" + selection.numbers.map { _ in "o.number BETWEEN ? AND ?" }.joined(separator: " OR ") + ")")
            for range in selection.numbers { arguments += [range.lowerBound, range.upperBound] }
        }
        if let run = selection.run {
            conditions.append("o.run_id = ?")
            arguments += [run]
        }
        if let date = selection.paymentDate {
            conditions.append("o.pay_on = ?")
            arguments += [date]
        }
        if let job = selection.job {
            conditions.append("r.job = ?")
            arguments += [job]
        }
        if let after = selection.after {
            conditions.append("(o.fiscal_year, o.number) > (?, ?)")
            arguments += [after.fiscalYear, after.number]
        }
        if !selection.states.isEmpty {
            conditions.append("o.state IN (" + selection.states.map { _ in "?" }.joined(separator: ", ") + ")")
            for state in selection.states { arguments += [state.rawValue] }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.fiscal_year, o.number, o.key, j.name AS scope, o.run_id, r.job, r.job_file, r.as_of, r.user, o.pay_on, o.amount, o.state, o.transfer,
                o.balance, o.balance_account, o.drawn, (\(Self.newestEvent("state"))) AS history
            FROM orders AS o JOIN runs AS r ON r.id = o.run_id JOIN jobs AS j ON j.id = o.job_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY o.fiscal_year, o.number\(selection.limit.map { " LIMIT \($0)" } ?? "")
            """, arguments: arguments)
        // The state kept for the queries must be the one the chained history ends with: an order
        // whose row was changed outside Jimu (approved with sqlite3) stops the command.
        if let changed = rows.first(where: { ($0["state"] as String) != ($0["history"] as String?) }) {
            throw LedgerRefused(message: "the ledger says \(selection.sequence) \(changed["number"] as Int) of \(changed["fiscal_year"] as Int) is \(changed["state"] as String), but its history ends \(changed["history"] as String? ?? "nowhere"): it was changed outside Jimu; nothing was done. Run 'jimu ledger verify'")
        }
        return rows.map { row in
            Order(
                number: OrderNumber(sequence: selection.sequence, fiscalYear: row["fiscal_year"], number: row["number"]),
                key: row["key"], keyScope: row["scope"], run: row["run_id"], job: row["job"], jobFile: row["job_file"], issuedOn: row["as_of"], issuedBy: row["user"],
                paymentDate: row["pay_on"], amount: row["amount"], state: OrderState(rawValue: row["state"]) ?? .pending,
                transfer: (row["transfer"] as Data?).map { Array($0) },
                drawing: (row["balance"] as String?).map { Drawing(balance: $0, account: row["balance_account"], amount: row["drawn"]) })
        }
    }

    /// The newest event of the order `o` (a correlated subquery): its state or payment date.
    /// (The issue is the order's row itself, not an event: 起票済 with its payment date.)
    static func newestEvent(_ column: String) -> String {
        """
        SELECT COALESCE((
            SELECT e.\(column) FROM order_events AS e
            WHERE e.sequence_id = o.sequence_id AND e.fiscal_year = o.fiscal_year AND e.number = o.number\(column == "state" ? "" : " AND e.\(column) IS NOT NULL")
            ORDER BY e.rowid DESC LIMIT 1), \(column == "state" ? "'pending'" : "o.\(column)"))
        """
    }

    /// Called once per order a command moves: cached statements only.
    func move(_ order: OrderNumber, _ change: OrderChange, run: Int64) throws {
        let select = try db.cachedStatement(sql: "SELECT id FROM number_sequences WHERE name = ?")
        guard let sequence = try Int64.fetchOne(select, arguments: [order.sequence])
        else { throw LedgerError(message: "there is no sequence \(order.sequence) in the ledger") }
        let key: StatementArguments = [sequence, order.fiscalYear, order.number]
        try db.cachedStatement(
            sql: "UPDATE orders SET state = ?, pay_on = COALESCE(?, pay_on) WHERE sequence_id = ? AND fiscal_year = ? AND number = ?"
        ).execute(arguments: [change.state.rawValue, change.paymentDate] + key)
        guard db.changesCount == 1 else { throw LedgerError(message: "there is no order \(order.number) of \(order.fiscalYear) in the ledger") }
        try db.cachedStatement(sql: """
            INSERT INTO order_events (sequence_id, fiscal_year, number, run_id, state, actor, decided_on, payment_date, note, reference)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(
            arguments: key + [run, change.state.rawValue, change.actor, change.decidedOn, change.paymentDate, change.note, change.reference])
    }

    func history(of order: OrderNumber) throws -> [OrderEvent] {
        let arguments: StatementArguments = [order.sequence, order.fiscalYear, order.number]
        let issue = try Row.fetchOne(db, sql: """
            SELECT o.run_id, r.user, r.host, r.started_at, r.as_of, o.payment_date FROM orders AS o JOIN runs AS r ON r.id = o.run_id
            WHERE o.sequence_id = (SELECT id FROM number_sequences WHERE name = ?) AND o.fiscal_year = ? AND o.number = ?
            """, arguments: arguments).map { row in
            OrderEvent(
                state: .pending, run: row["run_id"], kind: .issue, actor: row["user"], host: row["host"], at: row["started_at"],
                decidedOn: row["as_of"], paymentDate: row["payment_date"])
        }
        let events = try Row.fetchAll(db, sql: """
            SELECT e.state, e.run_id, r.kind, e.actor, r.host, r.started_at, e.decided_on, e.payment_date, e.note, e.reference
            FROM order_events AS e JOIN runs AS r ON r.id = e.run_id
            WHERE e.sequence_id = (SELECT id FROM number_sequences WHERE name = ?) AND e.fiscal_year = ? AND e.number = ?
            ORDER BY e.rowid
            """, arguments: arguments).map { row in
            OrderEvent(
                state: OrderState(rawValue: row["state"]) ?? .pending, run: row["run_id"], kind: RunKind(rawValue: row["kind"]) ?? .issue,
                actor: row["actor"], host: row["host"], at: row["started_at"], decidedOn: row["decided_on"], paymentDate: row["payment_date"],
                note: row["note"], reference: row["reference"])
        }
        return (issue.map { [$0] } ?? []) + events
    }

    func orderSequences() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM number_sequences WHERE id IN (SELECT DISTINCT sequence_id FROM orders) ORDER BY name
            """)
    }

    func orderTotals(sequence: String, from: String?) throws -> [OrderTotal] {
        try Row.fetchAll(db, sql: """
            SELECT o.pay_on, r.job, o.state, count(*), sum(o.amount) FROM orders AS o JOIN runs AS r ON r.id = o.run_id
            WHERE o.sequence_id = (SELECT id FROM number_sequences WHERE name = ?) AND (? IS NULL OR o.pay_on >= ?)
            GROUP BY o.pay_on, r.job, o.state ORDER BY o.pay_on, r.job, o.state
            """, arguments: [sequence, from, from]).map { row in
            OrderTotal(paymentDate: row[0], job: row[1], state: OrderState(rawValue: row[2]) ?? .pending, count: row[3], amount: row[4])
        }
    }
}
