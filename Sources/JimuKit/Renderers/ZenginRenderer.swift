import JimuSpec

/// Writes 全銀協 総合振込 files: the requester of `jimu.yaml` in the header, one data record per
/// issued record, the trailer's count and total, the end record. A record whose bank, branch,
/// account or name cannot be written is rejected with the reason before its key is claimed.
struct ZenginRenderer: OutputRenderer {
    static let formats = [OutputFormat.zengin]

    private let fields: Fields
    private let options: ZenginOptions
    private let header: [String: String]
    /// A data record with what is the same for every transfer filled in.
    private let blank: [UInt8]
    private let codec = CP932Codec()
    /// The join the payee's account is read from, when all of it is (bank, branch, type, number,
    /// name): a payee's data record is then written once, and copied for each of its transfers.
    private let accountJoin: Int?
    private var accounts = RowMemo<Result<[UInt8], RenderError>>()

    init(output: OutputSpec, context: RenderContext) throws {
        guard case .zengin(let spec) = output.options else { throw ConfigurationError([]) }
        guard let requester = context.zengin else {
            let path = output.keyPath.appending("format")
            throw ConfigurationError([Diagnostic(
                .error, "a zengin output needs the 振込依頼人: add 'zengin:' to jimu.yaml", at: path,
                location: context.job.sourceMap[path], hint: "requester_code, requester_name, bank_code, branch_code, account_type, account_number")])
        }
        let fields = Fields(spec, schema: context.schema)
        self.fields = fields
        let accountFields = [fields.bank, fields.branch, fields.accountType, fields.account, fields.name]
        accountJoin = accountFields.contains(nil) ? nil : context.schema.join(of: accountFields.map { $0! })
        var options = ZenginOptions()
        options.lineBreaks = spec.lineBreaks
        options.eofMarker = spec.eofMarker
        options.zeroUnusedCustomerCodes = spec.zeroUnusedCustomerCodes
        self.options = options
        var blank = ZenginLayout.data.blank
        for (field, value) in [(Data.newCode, "0"), (Data.transferKind, "7"), (Data.customerCode1, ""), (Data.customerCode2, "")] {
            try? ZenginLayout.data.write(options.customerCode(value), field: field, into: &blank, codec: codec)
        }
        self.blank = blank
        let kana = { (text: String) in (try? ZenginName.normalise(text)) ?? text }
        header = [
            "種別コード": "21", "コード区分": "0", "振込依頼人コード": requester.code, "振込依頼人名": kana(requester.name),
            "仕向金融機関番号": requester.bankCode, "仕向金融機関名": kana(requester.bankName), "仕向支店番号": requester.branchCode,
            "仕向支店名": kana(requester.branchName), "預金種目": requester.accountType, "口座番号": requester.accountNumber,
        ]
        var trial = header
        trial["振込指定日"] = "0101"
        do { _ = try ZenginLayout.header.encode(trial, codec: codec) } catch {
            let path = output.keyPath.appending("format")
            throw ConfigurationError([Diagnostic(
                .error, "the 'zengin:' requester of jimu.yaml cannot be written: \(error.description)", at: path,
                location: context.job.sourceMap[path], hint: "names in katakana, codes in digits")])
        }
    }

    /// The positions of the record fields a transfer is made of (nil: the job has no such field).
    struct Fields: Sendable {
        let bank, branch, accountType, account, name, amount, date, customerCode: Int?

        init(_ spec: ZenginOutput, schema: RecordSchema) {
            (bank, branch, accountType) = (schema.index[spec.bankCode], schema.index[spec.branchCode], schema.index[spec.accountType])
            (account, name, amount) = (schema.index[spec.accountNumber], schema.index[spec.accountName], schema.index[spec.amount])
            (date, customerCode) = (schema.index[spec.transferDate], spec.customerCode.flatMap { schema.index[$0] })
        }
    }

    mutating func render(_ record: Record) throws(RenderError) -> Rendering {
        var bytes: [UInt8]
        if let join = accountJoin {
            let row = record.row(of: join)
            if let kept = accounts[join: join, row: row] {
                bytes = try kept.get()
            } else {
                let account = account(of: record)
                accounts[join: join, row: row] = account
                bytes = try account.get()
            }
        } else {
            bytes = try account(of: record).get()
        }
        guard let amount = fields.amount.flatMap({ record.values[$0].integer }), amount > 0 else {
            throw RenderError("the transfer amount must be a positive number of yen")
        }
        do { try ZenginLayout.data.write(String(amount), field: Data.amount, into: &bytes, codec: codec) } catch {
            throw RenderError(error.description)
        }
        if let field = fields.customerCode {
            do {
                try ZenginLayout.data.write(options.customerCode(record.values[field].text), field: Data.customerCode1, into: &bytes, codec: codec)
            } catch {
                throw RenderError(error.description)
            }
        }
        return .bytes(ZenginFile.line(bytes, options))
    }

    /// A data record with the payee's account written: bank, branch, type, number and name.
    private func account(of record: Record) -> Result<[UInt8], RenderError> {
        let text = { (field: Int?) in field.map { record.values[$0].text } ?? "" }
        let bank = text(fields.bank), branch = text(fields.branch), type = text(fields.accountType)
        let account = text(fields.account)
        guard CheckDigits.isDigits(bank, count: 4...4) else { return .failure(RenderError("bank code '\(bank)' is not 4 digits")) }
        guard CheckDigits.isDigits(branch, count: 3...3) else { return .failure(RenderError("branch code '\(branch)' is not 3 digits")) }
        guard ["1", "2", "4", "9"].contains(type) else {
            return .failure(RenderError("預金種目 '\(type)' must be 1 (普通), 2 (当座), 4 (貯蓄) or 9 (その他)"))
        }
        guard CheckDigits.isDigits(account, count: 1...7) else {
            return .failure(RenderError("account number is not 1 to 7 digits"))
        }
        var bytes = blank
        bytes.reserveCapacity(blank.count + 2)
        do {
            let name = try ZenginName.normalise(text(fields.name))
            let layout = ZenginLayout.data
            try layout.write(bank, field: Data.bank, into: &bytes, codec: codec)
            try layout.write(branch, field: Data.branch, into: &bytes, codec: codec)
            try layout.write(type, field: Data.accountType, into: &bytes, codec: codec)
            try layout.write(account, field: Data.account, into: &bytes, codec: codec)
            try layout.write(name, field: Data.name, into: &bytes, codec: codec)
        } catch let error as ZenginName.Failure {
            let personal = fields.name.map { record.schema.personal[$0] } ?? false
            return .failure(RenderError(error.description, masked: personal ? error.withoutName : nil))
        } catch {
            return .failure(RenderError("\(error)"))
        }
        return .success(bytes)
    }

    /// The positions of the data record's fields that a transfer fills.
    private enum Data {
        static let positions = ZenginLayout.data.positions()
        static let bank = positions["被仕向金融機関番号"]!, branch = positions["被仕向支店番号"]!
        static let accountType = positions["預金種目"]!, account = positions["口座番号"]!, name = positions["受取人名"]!
        static let amount = positions["振込金額"]!, newCode = positions["新規コード"]!, transferKind = positions["振込指定区分"]!
        static let customerCode1 = positions["顧客コード1"]!, customerCode2 = positions["顧客コード2"]!
    }

    func makeFile() -> any FileRenderer {
        File(header: header, options: options, fields: fields)
    }

    /// One transfer file: the header when the first record arrives (its date is the file's
    /// 振込指定日), then data records, then the trailer and end.
    struct File: FileRenderer {
        let header: [String: String]
        let options: ZenginOptions
        let fields: Fields
        var file: ZenginFile?
        /// The date of the file's first transfer: its 振込指定日 (MMDD).
        var date: LocalDate?
        /// The 顧客コード of the file's transfers: a returned transfer (振込不能) is matched by it, so
        /// one code names one transfer.
        var customerCodes = CustomerCodes()

        init(header: [String: String], options: ZenginOptions, fields: Fields) {
            (self.header, self.options, self.fields) = (header, options, fields)
        }

        mutating func begin() throws(RenderError) -> [UInt8] { [] }

        /// A file holds at most 999,999 transfers totalling at most ¥999,999,999,999 (the
        /// trailer's 6- and 12-digit fields); more go to the next volume.
        func accepts(_ record: Record) -> Bool {
            guard let file, let amount = fields.amount.flatMap({ record.values[$0].integer }) else { return true }
            return file.count < ZenginFile.maximumCount && file.total <= ZenginFile.maximumTotal - amount
        }

        /// The transfer's date and amount; its date must be the file's 振込指定日.
        private func transfer(_ record: Record) throws(RenderError) -> (day: LocalDate, amount: Int) {
            guard case .date(let day)? = fields.date.map({ record.values[$0] }) else {
                throw RenderError("the transfer date is not a date")
            }
            guard let amount = fields.amount.flatMap({ record.values[$0].integer }) else { throw RenderError("the amount is not a number") }
            if let date, (date.month, date.day) != (day.month, day.day) {
                throw RenderError("transfer date \(day.iso) differs from the file's \(Self.mmdd(date)); put the date in the output's 'to' path")
            }
            return (day, amount)
        }

        /// The file a transfer on `day` starts: the header holds the day as its 振込指定日.
        private func start(on day: LocalDate) throws(RenderError) -> (ZenginFile, [UInt8]) {
            var header = header
            header["振込指定日"] = Self.mmdd(day)
            let started = ZenginFile(header: header, options: options)
            do { return (started, try started.begin()) } catch { throw RenderError(error.description) }
        }

        private static func mmdd(_ date: LocalDate) -> String { String(date.compact.suffix(4)) }

        func check(_ record: Record, rendered: Rendering) throws(RenderError) -> Checked {
            let (day, _) = try transfer(record)
            if let code = customerCode(of: record), let earlier = customerCodes.earlier(code, than: record.location) {
                throw RenderError(
                    "顧客コード \(code) is already given to the transfer of \(earlier) in this file (two fiscal years' numbers?); put {{fiscal_year}} in the output's 'to' path, or give each transfer its own code")
            }
            if file == nil { _ = try start(on: day) }
            return try Self.bytes(of: rendered)
        }

        private func customerCode(of record: Record) -> String? {
            guard let field = fields.customerCode, case let code = record.values[field].text, !code.isEmpty else { return nil }
            return code
        }

        mutating func add(_ record: Record, _ checked: Checked) throws(RenderError) -> [UInt8] {
            let (day, amount) = try transfer(record)
            if let code = customerCode(of: record) { customerCodes.insert(code, at: record.location) }
            guard file == nil else {
                file!.tally(amount: amount)
                return checked.bytes
            }
            var (started, bytes) = try start(on: day)
            started.tally(amount: amount)
            (file, date) = (started, day)
            bytes.append(contentsOf: checked.bytes)
            return bytes
        }

        mutating func finish() throws(RenderError) -> [UInt8] {
            do { return try file?.finish() ?? [] } catch { throw RenderError(error.description) }
        }
    }
}

/// The 顧客コード given in a file, with the place of the record each came from. Most are document
/// numbers in ascending order: those are kept as numbers in order and found by bisection, without
/// hashing each one, and take 12 bytes each (a file may hold 999,999 transfers).
struct CustomerCodes {
    private var ascending: [Int] = []
    /// For each of `ascending`, its record's line (or, negative, its position in an input without lines).
    private var places: [Int32] = []
    private var others: [String: RecordLocation] = [:]

    /// A code of up to 18 digits, as a number (the field is written zero-padded: 000001 is 1).
    private static func number(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { bytes in
            guard (1...18).contains(bytes.count) else { return nil }
            var value = 0
            for byte in bytes {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
    }

    /// Where the code was given before, if it was; `location` is the record asking (the records
    /// of a file come from one input).
    func earlier(_ code: String, than location: RecordLocation) -> RecordLocation? {
        guard let number = Self.number(code) else { return others[code] }
        if let last = ascending.last, number <= last {
            var (low, high) = (0, ascending.count - 1)
            while low <= high {
                let middle = (low + high) / 2
                if ascending[middle] == number {
                    let place = Int(places[middle])
                    return RecordLocation(file: location.file, line: place > 0 ? place : nil, index: abs(place))
                }
                if ascending[middle] < number { low = middle + 1 } else { high = middle - 1 }
            }
        }
        return others.isEmpty ? nil : others[String(number)]
    }

    mutating func insert(_ code: String, at location: RecordLocation) {
        guard let number = Self.number(code) else { return others[code] = location }
        if ascending.last.map({ number > $0 }) ?? true {
            ascending.append(number)
            places.append(Int32(truncatingIfNeeded: location.line ?? -location.index))
        } else {
            others[String(number)] = location
        }
    }
}
