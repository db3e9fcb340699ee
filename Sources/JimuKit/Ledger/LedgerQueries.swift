import JimuSpec
import GRDB

/// The read queries behind `jimu runs` and `jimu show`.
enum LedgerQueries {
    static func runs(_ db: Database, job: String?, limit: Int) throws -> [RunRecord] {
        let filter = job == nil ? "" : "WHERE job = ?"
        let arguments: StatementArguments = job.map { [$0, limit] } ?? [limit]
        return try Row.fetchAll(db, sql: "SELECT * FROM runs \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
            .map(record)
    }

    static func latestRuns(_ db: Database) throws -> [RunRecord] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM runs WHERE id IN (SELECT MAX(id) FROM runs WHERE status != 'overlapped' GROUP BY job) ORDER BY job
            """).map(record)
    }

    static func detail(_ db: Database, id: Int64) throws -> RunDetail? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else { return nil }
        let inputs = try Row.fetchAll(db, sql: "SELECT * FROM run_inputs WHERE run_id = ? ORDER BY rowid", arguments: [id])
            .map { input -> (input: String, file: InputFileDigest) in
                (input["input"], InputFileDigest(path: input["path"], sha256: input["sha256"], size: input["size"], records: input["records"]))
            }
        let rejects = try Row.fetchAll(db, sql: "SELECT * FROM rejects WHERE run_id = ? ORDER BY rowid", arguments: [id])
            .map { reject -> (location: String, rule: String, field: String?, reason: String) in
                (reject["location"], reject["rule"], reject["field"], reject["reason"])
            }
        let credited = try Double.fetchOne(db, sql: "SELECT minutes FROM savings WHERE run_id = ?", arguments: [id])
        var detail = RunDetail(
            run: record(row), host: row["host"], user: row["user"], pid: row["pid"], jobFile: row["job_file"],
            jobSHA256: row["job_sha256"], inputs: inputs, outputs: try outputs(db, run: id), rejects: rejects,
            creditedMinutes: credited)
        detail.skipped = try Row.fetchAll(db, sql: "SELECT * FROM skipped WHERE run_id = ? ORDER BY rowid", arguments: [id]).map {
            SkippedRecords(first: $0["first_location"], last: $0["last_location"], count: $0["records"], reason: $0["reason"])
        }
        return detail
    }

    static func outputs(_ db: Database, run: Int64) throws -> [OutputRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM outputs WHERE run_id = ? ORDER BY rowid", arguments: [run]).map { row in
            OutputRecord(
                path: row["path"], absolutePath: row["absolute_path"], temporaryPath: row["temporary_path"],
                sha256: row["sha256"], size: row["size"], kind: row["kind"], records: row["records"])
        }
    }

    static func credits(_ db: Database, from: String, through: String) throws -> [SavingsCredit] {
        let sql = """
            SELECT s.*, r.title FROM savings s JOIN runs r ON r.id = s.run_id
            WHERE s.run_date BETWEEN ? AND ? ORDER BY s.run_date, s.run_id
            """
        return try Row.fetchAll(db, sql: sql, arguments: [from, through]).map { row in
            SavingsCredit(
                run: row["run_id"], job: row["job"], title: row["title"], fiscalYear: row["fiscal_year"], runDate: row["run_date"],
                records: row["records"], minutes: row["minutes"],
                baseline: SavingsBaseline(
                    manualMinutesPerRecord: row["manual_minutes_per_record"], reviewMinutesPerRecord: row["review_minutes_per_record"],
                    manualMinutesPerRun: row["manual_minutes_per_run"], basis: row["basis"], effectiveFrom: row["effective_from"]))
        }
    }

    private static func record(_ row: Row) -> RunRecord {
        RunRecord(
            id: row["id"], job: row["job"], status: row["status"], startedAt: row["started_at"],
            finishedAt: row["finished_at"], asOf: row["as_of"], input: row["input_records"], issued: row["issued"],
            rejected: row["rejected"], skipped: row["skipped"], rejectsFile: row["rejects_file"], message: row["message"],
            kind: RunKind(rawValue: row["kind"] ?? "") ?? .issue)
    }
}
