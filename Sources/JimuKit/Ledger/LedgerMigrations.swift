import GRDB

/// The ledger schema, one registered migration per version; never edit a shipped migration.
enum LedgerMigrations {
    /// The newest migration a ledger has that this Jimu does not know (a newer Jimu wrote it), if any.
    static func unknownSchema(_ db: Database) throws -> String? {
        newest(try migrator.appliedIdentifiers(db).subtracting(migrator.migrations))
    }

    /// The newest of some migrations, by the number after their `v` (v10 comes after v9).
    static func newest(_ identifiers: some Collection<String>) -> String? {
        identifiers.max { (number(of: $0), $0) < (number(of: $1), $1) }
    }

    private static func number(of identifier: String) -> Int {
        Int(identifier.dropFirst().prefix { $0.isNumber }) ?? 0
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-keys-outputs-sequences-savings") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job TEXT NOT NULL,
                    title TEXT,
                    status TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    as_of TEXT NOT NULL,
                    host TEXT NOT NULL,
                    user TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    job_file TEXT NOT NULL,
                    job_sha256 TEXT NOT NULL,
                    input_records INTEGER NOT NULL DEFAULT 0,
                    issued INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    rejects_file TEXT,
                    message TEXT,
                    CHECK (status IN ('running', 'failed', 'interrupted', 'overlapped')
                           OR input_records = issued + rejected + skipped)
                );
                CREATE INDEX runs_by_job ON runs(job, id);
                CREATE TABLE run_inputs (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    input TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    records INTEGER NOT NULL
                );
                CREATE INDEX run_inputs_by_run ON run_inputs(run_id);
                CREATE TABLE outputs (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    path TEXT NOT NULL,
                    absolute_path TEXT NOT NULL,
                    temporary_path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    records INTEGER NOT NULL
                );
                CREATE INDEX outputs_by_run ON outputs(run_id);
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                -- One row per issued record key; the job is a number so index entries stay short.
                CREATE TABLE issued (
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    key TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (job_id, key)
                ) WITHOUT ROWID;
                CREATE TABLE rejects (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    location TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    field TEXT,
                    reason TEXT NOT NULL
                );
                CREATE INDEX rejects_by_run ON rejects(run_id);
                CREATE TABLE sequences (
                    name TEXT NOT NULL,
                    fiscal_year INTEGER NOT NULL,
                    last_value INTEGER NOT NULL,
                    PRIMARY KEY (name, fiscal_year)
                ) WITHOUT ROWID;
                CREATE TABLE savings (
                    run_id INTEGER PRIMARY KEY REFERENCES runs(id),
                    job TEXT NOT NULL,
                    fiscal_year INTEGER NOT NULL,
                    run_date TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    minutes REAL NOT NULL CHECK (minutes >= 0),
                    manual_minutes_per_record REAL NOT NULL,
                    review_minutes_per_record REAL NOT NULL,
                    manual_minutes_per_run REAL NOT NULL,
                    basis TEXT NOT NULL,
                    effective_from TEXT
                );
                CREATE INDEX savings_by_year ON savings(fiscal_year, job);
                """)
        }
        migrator.registerMigration("v2-schedule-slots") { db in
            try db.execute(sql: """
                CREATE TABLE schedule_slots (
                    job TEXT NOT NULL,
                    slot TEXT NOT NULL,
                    run_id INTEGER REFERENCES runs(id),
                    outcome TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (job, slot)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-documents-drawdowns") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    job_id INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    sequence TEXT NOT NULL,
                    fiscal_year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    UNIQUE (sequence, fiscal_year, number)
                );
                CREATE INDEX documents_by_run ON documents(run_id);
                CREATE TABLE drawdowns (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    balance TEXT NOT NULL,
                    account TEXT NOT NULL,
                    amount INTEGER NOT NULL,
                    records INTEGER NOT NULL
                );
                CREATE INDEX drawdowns_by_account ON drawdowns(balance, account);
                """)
        }
        // The numbers given are the ledger's largest table (one row per document), written on every
        // issue: keyed by the number itself, without a rowid, a second index or the sequence's name
        // repeated in every row, it takes half the space, and a run commits and checkpoints that much less.
        migrator.registerMigration("v4-documents-by-number") { db in
            try db.execute(sql: """
                CREATE TABLE number_sequences (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                INSERT INTO number_sequences (name) SELECT DISTINCT sequence FROM documents ORDER BY sequence;
                CREATE TABLE documents_by_number (
                    sequence_id INTEGER NOT NULL REFERENCES number_sequences(id),
                    fiscal_year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    job_id INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    PRIMARY KEY (sequence_id, fiscal_year, number)
                ) WITHOUT ROWID;
                INSERT INTO documents_by_number
                    SELECT sequences.id, fiscal_year, number, run_id, job_id, key
                    FROM documents JOIN number_sequences AS sequences ON sequences.name = documents.sequence;
                DROP TABLE documents;
                ALTER TABLE documents_by_number RENAME TO documents;
                """)
        }
        // A key keeps the fingerprint of what it was issued with (a digest of the record's money fields,
        // and its amount), so that the same key seen with other values is a conflict instead of a
        // silent skip. Keys issued before have none and skip as before.
        migrator.registerMigration("v5-issued-fingerprints") { db in
            try db.execute(sql: """
                ALTER TABLE issued ADD COLUMN fingerprint INTEGER;
                ALTER TABLE issued ADD COLUMN amount INTEGER;
                """)
        }
        // The ledger's identity, written beside the outputs it records (`LedgerBinding`): a new or
        // emptied ledger beside another one's outputs is refused instead of issuing them all again.
        // A ledger made before gets its identity here, and adopts the outputs beside it.
        migrator.registerMigration("v6-ledger-identity") { db in
            try db.execute(sql: """
                CREATE TABLE ledger_identity (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL);
                INSERT INTO ledger_identity VALUES (lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
                CREATE TABLE ledger_start_overs (
                    previous_ledger TEXT NOT NULL, reason TEXT NOT NULL, user TEXT NOT NULL, host TEXT NOT NULL, at TEXT NOT NULL);
                """)
        }
        // A corrected document (an invoice's BillingReference, `replaces:`) and the one it corrects
        // are never both issued: the key a correction replaced is kept here.
        migrator.registerMigration("v7-replaced-keys") { db in
            try db.execute(sql: """
                CREATE TABLE replaced (
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    key TEXT NOT NULL,
                    by_key TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    PRIMARY KEY (job_id, key)
                ) WITHOUT ROWID;
                """)
        }
        // What a run skipped and why (which run issued it, or the select check it did not pass):
        // "skipped" is never invisible in `jimu show`.
        migrator.registerMigration("v8-skipped-records") { db in
            try db.execute(sql: """
                CREATE TABLE skipped (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    first_location TEXT NOT NULL,
                    last_location TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX skipped_by_run ON skipped (run_id);
                """)
        }
        // Tamper evidence (`LedgerChain`): one link per finished run. A ledger made before starts its
        // chain with a link for its newest run, holding the issued keys and documents it has.
        // A rejected record is known again on a later run (`record`), so that only new rejects
        // notify; a schedule slot waiting for a late input counts its attempts. What is done to the
        // ledger besides runs (backups, restores) is kept with the OS user who did it.
        migrator.registerMigration("v9-run-chain") { db in
            try db.execute(sql: """
                ALTER TABLE rejects ADD COLUMN record TEXT;
                CREATE INDEX rejects_by_record ON rejects (record);
                ALTER TABLE schedule_slots ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE schedule_slots ADD COLUMN last_attempt TEXT;
                CREATE TABLE ledger_actions (action TEXT NOT NULL, detail TEXT NOT NULL, user TEXT NOT NULL, host TEXT NOT NULL, at TEXT NOT NULL);
                CREATE TABLE run_chain (
                    run_id INTEGER PRIMARY KEY NOT NULL,
                    previous TEXT NOT NULL,
                    issued_keys INTEGER NOT NULL,
                    issued_sum TEXT NOT NULL,
                    documents INTEGER NOT NULL,
                    documents_digest TEXT NOT NULL,
                    digest TEXT NOT NULL
                );
                """)
            guard let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") else { return }
            let sets = LedgerChain.Sets()
            (sets.issuedKeys, sets.issuedSum) = try LedgerChain.recountIssued(db)
            sets.documents = try LedgerChain.recountDocuments(db)[newest] ?? RunDocuments()
            try LedgerChain.append(run: newest, sets: sets, db)
        }
        // 決裁: orders of a job under approval wait as 起票済 (pending) with their 全銀 transfer sealed
        // (`TransferSeal`), and move forward by runs of their own kind (approve, cancel, release).
        // `orders` keeps what the issuing run gave (covered by its link); `state` and `pay_on` are
        // the newest event's, kept for the queries and checked against `order_events` by verify.
        // Commands read orders a page at a time in number order, along the primary key: an index
        // by state would have each page sort all orders in that state again.
        migrator.registerMigration("v10-orders-under-approval") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'issue';
                CREATE TABLE orders (
                    sequence_id INTEGER NOT NULL REFERENCES number_sequences(id),
                    fiscal_year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    job_id INTEGER NOT NULL REFERENCES jobs(id),
                    key TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    payment_date TEXT,
                    amount INTEGER NOT NULL,
                    transfer BLOB,
                    balance TEXT,
                    balance_account TEXT,
                    drawn INTEGER,
                    state TEXT NOT NULL,
                    pay_on TEXT,
                    PRIMARY KEY (sequence_id, fiscal_year, number)
                ) WITHOUT ROWID;
                CREATE INDEX orders_by_run ON orders (run_id);
                CREATE TABLE order_events (
                    sequence_id INTEGER NOT NULL,
                    fiscal_year INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'cancelled', 'released')),
                    actor TEXT NOT NULL,
                    decided_on TEXT NOT NULL,
                    payment_date TEXT,
                    note TEXT,
                    reference TEXT
                );
                CREATE INDEX order_events_by_order ON order_events (sequence_id, fiscal_year, number);
                CREATE INDEX order_events_by_run ON order_events (run_id);
                """)
        }
        return migrator
    }
}
