import JimuSpec

/// A 全銀 transfer held while its order waits for approval: the data record as the issuing run
/// rendered it (the payee's account, name and amount, with its line break), and the record fields
/// the transfer file needs again at release (its date, amount and 顧客コード, and the fields of the
/// output's path). Sealed before it reaches the ledger (`TransferSeal`).
struct HeldTransfer: Sendable, Equatable {
    /// One record field: name, type and value (`d:2026-12-04`, `i:2026`, `t:text`, or empty).
    struct Field: Sendable, Equatable {
        var name: String
        var type: String
        var value: String
    }

    var line: [UInt8]
    var fields: [Field]

    init(line: [UInt8], fields: [Field]) {
        (self.line, self.fields) = (line, fields)
    }

    /// The value of a field as the record had it, nil when it was not kept.
    func value(of name: String) -> FieldValue? {
        guard let field = fields.first(where: { $0.name == name }) else { return nil }
        let text = String(field.value.dropFirst(2))
        switch field.value.prefix(2) {
        case "d:": return LocalDate(iso: text).map(FieldValue.date) ?? .text(text)
        case "i:": return Int(text).map(FieldValue.integer) ?? .text(text)
        case "t:": return .text(text)
        default: return .empty
        }
    }

    /// The bytes sealed: a version byte, then the line and each field's name, type and value, each
    /// as a 32-bit little-endian length and its bytes. (A JSON encoder took 7 of every 10
    /// instructions an order under approval cost to hold.)
    var bytes: [UInt8] {
        var bytes: [UInt8] = [1]
        bytes.appendCounted(line)
        for field in fields {
            bytes.appendCounted(field.name.utf8)
            bytes.appendCounted(field.type.utf8)
            bytes.appendCounted(field.value.utf8)
        }
        return bytes
    }

    /// Reads what `bytes` wrote; nil for anything else.
    init?(bytes: [UInt8]) {
        guard bytes.first == 1 else { return nil }
        var at = 1
        func part() -> ArraySlice<UInt8>? {
            guard at + 4 <= bytes.count else { return nil }
            let count = bytes[at..<at + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
            at += 4
            guard at + count <= bytes.count else { return nil }
            defer { at += count }
            return bytes[at..<at + count]
        }
        guard let line = part() else { return nil }
        var fields: [Field] = []
        while at < bytes.count {
            guard let name = part(), let type = part(), let value = part() else { return nil }
            fields.append(Field(name: String(decoding: name, as: UTF8.self), type: String(decoding: type, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        self.init(line: Array(line), fields: fields)
    }

    static func encode(_ value: FieldValue) -> String {
        switch value {
        case .empty: ""
        case .date(let date): "d:" + date.iso
        case .integer(let number): "i:\(number)"
        case .text(let text): "t:" + text
        }
    }
}

/// What an issuing run under approval keeps of each order in place of writing its released outputs
/// (`Outputs.Output.held`): the order's number, date and amount, and, sealed, its 全銀 transfer and
/// the record fields the released outputs need (all of them when a document is released too, such
/// as the 支出命令書 with its 決裁欄 filled).
struct TransferHold {
    /// The held 全銀 output among the run's outputs, nil for a job without one.
    private let output: Int?
    /// The fields kept; nil for a job that keeps nothing (no output is released).
    private let fields: [Int]?
    private let date: Int?
    private let amount: Int?
    private let seal: TransferSeal
    /// The balance an order draws on: its name, account field and amount field.
    private let balance: (name: String, account: Int, amount: Int)?

    init(job: Job, outputs: Outputs, schema: RecordSchema, seal: TransferSeal) {
        self.seal = seal
        balance = job.records.balance.flatMap { spec in
            schema.index[spec.account].flatMap { account in schema.index[spec.amount].map { (spec.name, account, $0) } }
        }
        output = outputs.list.firstIndex { $0.held }
        let zengin = job.outputs.lazy.compactMap { output -> (ZenginOutput, TextTemplate)? in
            if case .zengin(let zengin) = output.options { (zengin, output.to) } else { nil }
        }.first
        date = zengin.flatMap { schema.index[$0.0.transferDate] }
        amount = zengin.map { schema.index[$0.0.amount] } ?? job.records.balance.flatMap { schema.index[$0.amount] }
        if job.outputs.contains(where: { job.stage(of: $0) != .issued && $0.format != .zengin }) {
            fields = Array(schema.names.indices)
        } else {
            fields = zengin.map { Self.names(of: $0.0, path: $0.1).compactMap { schema.index[$0] } }
        }
    }

    /// The fields a release needs, by the names of a job's 全銀 output: its date, amount and code,
    /// and the record fields of its path (run values are the release run's).
    static func names(of zengin: ZenginOutput, path: TextTemplate) -> [String] {
        var names: [String] = []
        let fields = path.fieldNames.filter { !RunValue.names.contains($0) && $0 != RunValue.key }
        for name in [zengin.transferDate, zengin.amount] + (zengin.customerCode.map { [$0] } ?? []) + fields where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The order a record issued with `number` becomes.
    func order(_ record: Record, number: IssuedNumber, rendered: [Outputs.Rendered]) throws -> HeldOrder {
        let orderNumber = OrderNumber(sequence: number.sequence, fiscalYear: number.fiscalYear, number: number.number)
        let drawing = balance.map {
            Drawing(balance: $0.name, account: record.values[$0.account].text, amount: record.values[$0.amount].integer ?? 0)
        }
        var order = HeldOrder(
            number: orderNumber, key: record.key, paymentDate: nil, amount: amount.flatMap { record.values[$0].integer } ?? 0,
            transfer: nil, drawing: drawing)
        if let date, case .date(let day) = record.values[date] { order.paymentDate = day.iso }
        guard let fields else { return order }
        var line: [UInt8] = []
        if let output, case .bytes(let bytes) = rendered[output].rendering { line = bytes }
        let transfer = HeldTransfer(line: line, fields: fields.map { field in
            HeldTransfer.Field(
                name: record.schema.names[field], type: record.schema.types[field].rawValue,
                value: HeldTransfer.encode(record.values[field]))
        })
        order.transfer = try seal.seal(transfer, for: orderNumber, key: record.key)
        return order
    }
}
