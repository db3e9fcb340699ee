import JimuSpec

/// What happens to a record at the moment it is issued, in the run's ledger transaction: its dates
/// are checked against the order date (`PaymentDates`), it gets its document number and draws on
/// its balance. Numbers and drawings become permanent only
/// when the record is written (`commit`) and the run commits, so rejected records and failed
/// runs consume nothing.
struct IssueRules {
    private struct Numbering {
        let spec: NumberSpec
        let field: Int
        let yearField: Int?
    }

    private struct Balance {
        let spec: BalanceSpec
        let account: Int
        let limit: Int
        let spent: Int?
        let amount: Int
    }

    /// What a balance account has drawn: before this run, and in it (amount and records).
    private struct Drawing {
        let account: String
        let earlier: Int
        var run = 0
        var records = 0
    }

    private var dates: PaymentDates?
    private var numbering: Numbering?
    private var balance: Balance?
    /// The last number per fiscal year (a run meets one or two): from the ledger, then as given.
    private var lastNumbers: [(year: Int, number: Int)] = []
    /// The drawings of the accounts met so far, and each account's place among them.
    private var drawings: [Drawing] = []
    private var accounts: [String: Int] = [:]
    private let job: String
    private let runYear: Int
    /// What the record being issued was given and draws, until it is committed: its number (with
    /// the place of its year in `lastNumbers`) and its account's place and amount.
    private var pending: (year: Int, number: Int, place: Int)?
    private var pendingDrawing: (place: Int, amount: Int)?
    /// Numbers of committed records not yet written to the ledger (`flush`).
    private var issuedNumbers: [IssuedNumber] = []

    /// The rules of a job, nil when it has none.
    init?(job: Job, schema: RecordSchema, runDate: LocalDate, project: ProjectConfig) {
        dates = PaymentDates(job: job, schema: schema, orderDate: runDate, project: project)
        guard job.records.number != nil || job.records.balance != nil || dates != nil else { return nil }
        self.job = job.id
        runYear = runDate.fiscalYear
        if let spec = job.records.number, let field = schema.index[spec.field] {
            numbering = Numbering(spec: spec, field: field, yearField: spec.fiscalYearField.flatMap { schema.index[$0] })
        }
        if let spec = job.records.balance, let account = schema.index[spec.account], let limit = schema.index[spec.limit],
           let amount = schema.index[spec.amount]
        {
            balance = Balance(spec: spec, account: account, limit: limit, spent: spec.spent.flatMap { schema.index[$0] }, amount: amount)
        }
    }

    /// Checks the dates and the balance, and gives the record its number.
    /// - Returns: why the record cannot be issued, or nil.
    mutating func apply(to record: inout Record, ledger: any LedgerTransaction) throws -> Rejection? {
        pending = nil
        pendingDrawing = nil
        if let rejection = dates?.check(record) { return rejection }
        if let balance {
            let account = record.values[balance.account].text
            let amount = record.values[balance.amount].integer ?? 0
            let limit = record.values[balance.limit].integer ?? 0
            let spent = balance.spent.map { record.values[$0].integer ?? 0 } ?? 0
            let place = try accounts[account] ?? {
                drawings.append(Drawing(account: account, earlier: try ledger.drawn(balance: balance.spec.name, account: account)))
                accounts[account] = drawings.count - 1
                return drawings.count - 1
            }()
            let drawn = drawings[place]
            let remaining = limit - spent - drawn.earlier - drawn.run
            if amount > remaining {
                let yen = { (value: Int) in "￥" + Transforms.grouped(value) }
                var parts = ["\(balance.spec.name) \(yen(limit))"]
                if balance.spent != nil { parts.append("spent \(yen(spent)) before Jimu") }
                if drawn.earlier > 0 { parts.append("\(yen(drawn.earlier)) by earlier runs") }
                if drawn.run > 0 { parts.append("\(yen(drawn.run)) earlier in this run") }
                return Rejection(
                    field: balance.spec.amount, rule: "balance",
                    message: "\(balance.spec.amount) \(yen(amount)) exceeds the remaining \(yen(max(remaining, 0))) of \(balance.spec.name) \(account) (\(parts.joined(separator: ", "))); check the amount or the 負担行為")
            }
            pendingDrawing = (place, amount)
        }
        if let numbering {
            let year = numbering.yearField.flatMap { record.values[$0].integer } ?? runYear
            let place = try lastNumbers.firstIndex { $0.year == year } ?? {
                lastNumbers.append((year, try ledger.lastNumber(sequence: numbering.spec.sequence, fiscalYear: year)))
                return lastNumbers.count - 1
            }()
            let number = lastNumbers[place].number + 1
            record.values[numbering.field] = .text(Self.padded(number, to: numbering.spec.digits))
            pending = (year, number, place)
        }
        return nil
    }

    /// The record was written: its number is used and its amount drawn.
    /// - Returns: the number it was given, if the job numbers its records.
    @discardableResult
    mutating func commit(_ record: Record) -> IssuedNumber? {
        var given: IssuedNumber?
        if let (place, amount) = pendingDrawing {
            drawings[place].run += amount
            drawings[place].records += 1
        }
        if let numbering, let (year, number, place) = pending {
            lastNumbers[place].number = number
            given = IssuedNumber(key: record.key, sequence: numbering.spec.sequence, fiscalYear: year, number: number)
            issuedNumbers.append(given!)
        }
        pending = nil
        pendingDrawing = nil
        return given
    }

    /// A number in decimal, with leading zeros up to `width` digits.
    static func padded(_ number: Int, to width: Int) -> String {
        let digits = String(number)
        return digits.utf8.count < width ? String(repeating: "0", count: width - digits.utf8.count) + digits : digits
    }

    /// Writes the numbers given since the last flush to the ledger (after each batch).
    mutating func flush(run: Int64, ledger: any LedgerTransaction) throws {
        guard !issuedNumbers.isEmpty else { return }
        try ledger.recordNumbers(issuedNumbers, run: run, job: job)
        issuedNumbers.removeAll(keepingCapacity: true)
    }

    /// Saves the numbers, the sequences' last numbers and the run's drawings.
    mutating func save(run: Int64, ledger: any LedgerTransaction) throws {
        try flush(run: run, ledger: ledger)
        if let numbering {
            for (year, last) in lastNumbers.sorted(by: { $0.year < $1.year }) {
                try ledger.saveLastNumber(sequence: numbering.spec.sequence, fiscalYear: year, value: last)
            }
        }
        if let balance {
            let drawnByRun = Dictionary(
                uniqueKeysWithValues: drawings.filter { $0.records > 0 }.map { ($0.account, (amount: $0.run, records: $0.records)) })
            try ledger.recordDrawdowns(run: run, balance: balance.spec.name, drawnByRun)
        }
    }
}
