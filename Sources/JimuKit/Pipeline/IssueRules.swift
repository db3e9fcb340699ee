import JimuSpec

/// What happens to a record at the moment it is issued, in the run's ledger transaction: it gets
/// its document number and draws on its balance. Numbers and drawings become permanent only
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

    private var numbering: Numbering?
    private var balance: Balance?
    /// The last number per fiscal year: from the ledger, then as given in this run.
    private var lastNumbers: [Int: Int] = [:]
    /// Per account: what earlier runs drew, and what this run drew (amount and records).
    private var drawn: [String: (earlier: Int, run: Int, records: Int)] = [:]
    private let job: String
    private let runYear: Int
    /// The number given to the record being issued, until it is committed.
    private var pending: (year: Int, number: Int)?
    /// Numbers of committed records not yet written to the ledger (`flush`).
    private var issuedNumbers: [IssuedNumber] = []

    /// The rules of a job, nil when it has none.
    init?(job: Job, schema: RecordSchema, runDate: LocalDate) {
        guard job.records.number != nil || job.records.balance != nil else { return nil }
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

    /// Checks the balance and gives the record its number.
    /// - Returns: why the record cannot be issued, or nil.
    mutating func apply(to record: inout Record, ledger: any LedgerTransaction) throws -> Rejection? {
        if let balance {
            let account = record.values[balance.account].text
            let amount = record.values[balance.amount].integer ?? 0
            let limit = record.values[balance.limit].integer ?? 0
            let spent = balance.spent.map { record.values[$0].integer ?? 0 } ?? 0
            let drawn = try self.drawn[account] ?? (try ledger.drawn(balance: balance.spec.name, account: account), 0, 0)
            self.drawn[account] = drawn
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
        }
        if let numbering {
            let year = numbering.yearField.flatMap { record.values[$0].integer } ?? runYear
            let last = try lastNumbers[year] ?? ledger.lastNumber(sequence: numbering.spec.sequence, fiscalYear: year)
            lastNumbers[year] = last
            let number = last + 1
            let text = String(number)
            let width = numbering.spec.digits
            record.values[numbering.field] = .text(text.count < width ? String(repeating: "0", count: width - text.count) + text : text)
            pending = (year, number)
        }
        return nil
    }

    /// The record was written: its number is used and its amount drawn.
    mutating func commit(_ record: Record) {
        if let balance {
            let account = record.values[balance.account].text
            drawn[account]?.run += record.values[balance.amount].integer ?? 0
            drawn[account]?.records += 1
        }
        if let numbering, let (year, number) = pending {
            lastNumbers[year] = number
            issuedNumbers.append(IssuedNumber(key: record.key, sequence: numbering.spec.sequence, fiscalYear: year, number: number))
        }
        pending = nil
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
            for (year, last) in lastNumbers.sorted(by: { $0.key < $1.key }) {
                try ledger.saveLastNumber(sequence: numbering.spec.sequence, fiscalYear: year, value: last)
            }
        }
        if let balance {
            let drawnByRun = drawn.filter { $0.value.records > 0 }.mapValues { (amount: $0.run, records: $0.records) }
            try ledger.recordDrawdowns(run: run, balance: balance.spec.name, drawnByRun)
        }
    }
}
