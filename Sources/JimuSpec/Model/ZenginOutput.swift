import Yams

/// A `format: zengin` output: a 全銀協 総合振込 file (種別 21) per path, from record fields.
///
/// ```yaml
/// - format: zengin
///   to: "payment-list/{{run_date}}/sogo-furikomi-{{yyyymmdd(due)}}.txt"
///   transfer_date: due            # a date field: the file's 振込指定日 (one date per file)
///   bank_code: bank_code          # 被仕向金融機関番号
///   branch_code: branch_code      # 被仕向支店番号
///   account_type: account_type    # 預金種目: 1 普通, 2 当座, 4 貯蓄, 9 その他
///   account_number: account_no    # 口座番号, up to 7 digits
///   account_name: account_name    # 受取人名, made Zengin kana (or the record is rejected)
///   amount: amount                # 振込金額
///   customer_code: invoice_no     # optional: 顧客コード1
/// ```
public struct ZenginOutput: Sendable {
    /// Record fields by role.
    public var transferDate: String
    public var bankCode: String
    public var branchCode: String
    public var accountType: String
    public var accountNumber: String
    public var accountName: String
    public var amount: String
    public var customerCode: String?
    /// CRLF after each record (default) or none.
    public var lineBreaks = true
    /// An EOF byte 0x1A at the end.
    public var eofMarker = false
    /// Unused 顧客コード as zeros instead of spaces.
    public var zeroUnusedCustomerCodes = false

    static let fieldKeys = ["transfer_date", "bank_code", "branch_code", "account_type", "account_number", "account_name", "amount"]
    static let keys = fieldKeys + ["customer_code", "line_breaks", "eof_marker", "zero_unused_customer_codes"]

    /// The record fields it reads, with the keys naming them.
    public var fieldsUsed: [(key: String, field: String)] {
        [("transfer_date", transferDate), ("bank_code", bankCode), ("branch_code", branchCode), ("account_type", accountType),
         ("account_number", accountNumber), ("account_name", accountName), ("amount", amount)]
            + (customerCode.map { [("customer_code", $0)] } ?? [])
    }

    static func read(_ map: MappingFields, reader: SpecReader) -> ZenginOutput? {
        var names: [String: String] = [:]
        for key in fieldKeys {
            guard let node = map[key] else {
                reader.error("a zengin output needs '\(key)', the record field it comes from", at: map.path, node: map.node)
                continue
            }
            names[key] = reader.string(node, at: map.path(key))
        }
        guard fieldKeys.allSatisfy({ names[$0] != nil }) else { return nil }
        var output = ZenginOutput(
            transferDate: names["transfer_date"]!, bankCode: names["bank_code"]!, branchCode: names["branch_code"]!,
            accountType: names["account_type"]!, accountNumber: names["account_number"]!, accountName: names["account_name"]!,
            amount: names["amount"]!,
            customerCode: map["customer_code"].flatMap { reader.string($0, at: map.path("customer_code")) })
        output.lineBreaks = map["line_breaks"].flatMap { reader.bool($0, at: map.path("line_breaks")) } ?? true
        output.eofMarker = map["eof_marker"].flatMap { reader.bool($0, at: map.path("eof_marker")) } ?? false
        output.zeroUnusedCustomerCodes = map["zero_unused_customer_codes"].flatMap {
            reader.bool($0, at: map.path("zero_unused_customer_codes"))
        } ?? false
        return output
    }
}

/// The 振込依頼人 of `jimu.yaml` (`zengin:`): who sends the transfers, from which account.
public struct ZenginRequester: Sendable, Equatable {
    public var code: String
    public var name: String
    public var bankCode: String
    public var bankName: String
    public var branchCode: String
    public var branchName: String
    public var accountType: String
    public var accountNumber: String
    /// Bank business days between the order date and the earliest 振込指定日 the bank accepts a
    /// 総合振込 file for (`min_lead_business_days`; 1 by default: banks take a 総合振込 until noon of
    /// the bank business day before its date; see the README's "Money safety").
    public var minLeadBusinessDays = 1
    /// How many days past the order date a 振込指定日 may lie (`max_days_ahead`; 60 by default):
    /// further is taken for a typo.
    public var maxDaysAhead = 60

    static let keys = [
        "requester_code", "requester_name", "bank_code", "bank_name", "branch_code", "branch_name", "account_type", "account_number",
        "min_lead_business_days", "max_days_ahead",
    ]

    static func read(_ node: Node?, at path: KeyPath, reader: SpecReader) -> ZenginRequester? {
        guard let map = reader.mapping(node, at: path, allowed: keys, required: ["requester_code", "requester_name", "bank_code", "branch_code", "account_type", "account_number"])
        else { return nil }
        func value(_ key: String) -> String { map[key].flatMap { reader.string($0, at: map.path(key)) } ?? "" }
        var requester = ZenginRequester(
            code: value("requester_code"), name: value("requester_name"), bankCode: value("bank_code"), bankName: value("bank_name"),
            branchCode: value("branch_code"), branchName: value("branch_name"), accountType: value("account_type"),
            accountNumber: value("account_number"))
        if let lead = map["min_lead_business_days"].flatMap({ reader.int($0, at: map.path("min_lead_business_days"), in: 0...20) }) {
            requester.minLeadBusinessDays = lead
        }
        if let days = map["max_days_ahead"].flatMap({ reader.int($0, at: map.path("max_days_ahead"), in: 1...430) }) {
            requester.maxDaysAhead = days
        }
        return requester
    }
}
