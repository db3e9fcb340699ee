import Yams

/// A document number given to each issued record (支出命令番号, 文書番号): a sequence per fiscal
/// year kept in the ledger, never reused, and not consumed by rejected records or failed runs.
///
/// ```yaml
/// number:
///   field: order_no            # the new record field holding the number
///   sequence: 支出命令番号        # the ledger's sequence (jobs naming the same one share it)
///   fiscal_year: fiscal_year   # a fiscal_year field; the run date's fiscal year when absent
///   digits: 6                  # zero-padded to 6 digits
/// ```
public struct NumberSpec: Sendable {
    public var field: String
    public var sequence: String
    public var fiscalYearField: String?
    public var digits: Int
    public var keyPath: KeyPath

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> NumberSpec? {
        guard let node else { return nil }
        guard let map = reader.mapping(node, at: path, allowed: ["field", "sequence", "fiscal_year", "digits"], required: ["field", "sequence"]),
              let field = reader.string(map["field"], at: map.path("field")),
              let sequence = reader.string(map["sequence"], at: map.path("sequence"))
        else { return nil }
        return NumberSpec(
            field: field, sequence: sequence,
            fiscalYearField: map["fiscal_year"].flatMap { reader.string($0, at: map.path("fiscal_year")) },
            digits: map["digits"].flatMap { reader.int($0, at: map.path("digits"), in: 1...12) } ?? 1, keyPath: path)
    }
}

/// A running balance a record draws on (the remaining amount of a 支出負担行為): a record whose
/// amount exceeds what is left, after earlier orders in the ledger and earlier records of the run,
/// is rejected.
///
/// ```yaml
/// balance:
///   name: 支出負担行為             # what is drawn on, in reasons and in the ledger
///   account: encumbrance_no     # the field naming the line drawn on
///   limit: encumbrance_amount   # 負担行為額
///   spent: encumbrance_spent    # 支出済額 before Jimu (optional)
///   amount: amount              # what each record draws
/// ```
public struct BalanceSpec: Sendable {
    public var name: String
    public var account: String
    public var limit: String
    public var spent: String?
    public var amount: String
    public var keyPath: KeyPath

    /// The fields it names, with their keys.
    public var fieldsUsed: [(key: String, field: String)] {
        [("account", account), ("limit", limit), ("amount", amount)] + (spent.map { [("spent", $0)] } ?? [])
    }

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> BalanceSpec? {
        guard let node else { return nil }
        guard let map = reader.mapping(
            node, at: path, allowed: ["name", "account", "limit", "spent", "amount"], required: ["name", "account", "limit", "amount"]),
            let name = reader.string(map["name"], at: map.path("name")),
            let account = reader.string(map["account"], at: map.path("account")),
            let limit = reader.string(map["limit"], at: map.path("limit")),
            let amount = reader.string(map["amount"], at: map.path("amount"))
        else { return nil }
        return BalanceSpec(
            name: name, account: account, limit: limit, spent: map["spent"].flatMap { reader.string($0, at: map.path("spent")) },
            amount: amount, keyPath: path)
    }
}
