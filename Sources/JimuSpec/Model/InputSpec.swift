import Yams

/// One named input of a job: a CSV file or XML files.
public struct InputSpec: Sendable {
    /// How records are read.
    public enum Format: Sendable {
        case csv(CSVInputOptions)
        case xml(XMLInputOptions)
        /// A bank master in the zengin-code JSON shape: one row per branch, keyed `bank:branch`.
        case bankMaster

        /// Whether this is a zengin-code bank master.
        public var isBankMaster: Bool {
            if case .bankMaster = self { true } else { false }
        }
    }

    /// The input's name, used by `records.from`, joins and `<input>.<column>` references.
    public var name: String
    /// A path or glob relative to the project root.
    public var path: String
    /// The format and its options.
    public var format: Format
    /// The column (CSV) or field (XML) that keys the input when it is joined as a lookup table.
    public var key: String?
    /// Where the input is declared.
    public var keyPath: KeyPath

    static let keys = ["csv", "xml", "zengin_code", "encoding", "rename", "key", "record", "fields", "namespaces", "stream", "max_document_mb"]

    static func read(name: String, _ node: Node, at path: KeyPath, reader: SpecReader) -> InputSpec? {
        guard let map = reader.mapping(node, at: path, allowed: keys) else { return nil }
        let key = map["key"].flatMap { reader.string($0, at: map.path("key")) }
        if let folder = map["zengin_code"] {
            guard map["csv"] == nil, map["xml"] == nil, let folderPath = reader.string(folder, at: map.path("zengin_code")) else {
                reader.error("an input is one of 'csv', 'xml' or 'zengin_code'", at: path, node: node)
                return nil
            }
            for other in map.entries.map(\.key) where other != "zengin_code" {
                reader.error("'\(other)' does not apply to a zengin_code bank master (keyed 'bank:branch')", at: map.path(other))
            }
            return InputSpec(name: name, path: folderPath, format: .bankMaster, key: BankMasterColumns.key, keyPath: path)
        }
        switch (map["csv"], map["xml"]) {
        case (let csv?, nil):
            guard let file = reader.string(csv, at: map.path("csv")) else { return nil }
            for xmlOnly in ["record", "fields", "namespaces", "stream", "max_document_mb"] where map[xmlOnly] != nil {
                reader.error("'\(xmlOnly)' applies to xml inputs only", at: map.path(xmlOnly))
            }
            let options = CSVInputOptions.read(map, reader: reader)
            return InputSpec(name: name, path: file, format: .csv(options), key: key, keyPath: path)
        case (nil, let xml?):
            guard let file = reader.string(xml, at: map.path("xml")) else { return nil }
            for csvOnly in ["encoding", "rename"] where map[csvOnly] != nil {
                reader.error("'\(csvOnly)' applies to csv inputs only; XML declares its own encoding", at: map.path(csvOnly))
            }
            guard let options = XMLInputOptions.read(map, reader: reader) else { return nil }
            return InputSpec(name: name, path: file, format: .xml(options), key: key, keyPath: path)
        case (.some, .some):
            reader.error("an input is either 'csv' or 'xml', not both", at: path, node: node)
        case (nil, nil):
            reader.error("an input needs 'csv: PATH', 'xml: PATH' or 'zengin_code: FOLDER'", at: path, node: node)
        }
        return nil
    }
}

/// Options of a CSV input.
public struct CSVInputOptions: Sendable {
    /// The file's encoding.
    public var encoding: TextEncoding = .utf8
    /// Header names to rename before use: file header → name used in the job.
    public var rename: [String: String] = [:]

    /// UTF-8, no renames.
    public init(encoding: TextEncoding = .utf8, rename: [String: String] = [:]) {
        self.encoding = encoding
        self.rename = rename
    }

    static func read(_ map: MappingFields, reader: SpecReader) -> CSVInputOptions {
        var options = CSVInputOptions()
        if let node = map["encoding"], let encoding = TextEncoding.read(node, at: map.path("encoding"), reader: reader) {
            options.encoding = encoding
        }
        for entry in reader.entries(map["rename"], at: map.path("rename")) {
            if let to = reader.string(entry.value, at: entry.path) { options.rename[entry.key] = to }
        }
        return options
    }
}

/// Options of an XML input.
public struct XMLInputOptions: Sendable {
    /// XPath selecting each record (e.g. `/inv:Invoice`).
    public var record: String
    /// The fields, in declaration order.
    public var fields: [XMLField]
    /// Namespace prefixes in addition to the built-in UBL ones.
    public var namespaces: [String: String]
    /// Read one large file with the streaming reader instead of parsing each file whole.
    public var stream: Bool
    /// The largest file read whole (an e-invoice is a few KB; a whole document costs about 15
    /// times its size in memory); a larger one is rejected, pointing to `stream: true`.
    public var maxDocumentMB = 20

    /// Creates options.
    public init(record: String, fields: [XMLField], namespaces: [String: String] = [:], stream: Bool = false) {
        self.record = record
        self.fields = fields
        self.namespaces = namespaces
        self.stream = stream
    }

    static func read(_ map: MappingFields, reader: SpecReader) -> XMLInputOptions? {
        guard let record = reader.string(map["record"], at: map.path("record")) else {
            reader.error("an xml input needs 'record', the XPath of each record, e.g. '/inv:Invoice'", at: map.path)
            return nil
        }
        let fields = reader.entries(map["fields"], at: map.path("fields")).compactMap { entry in
            XMLField.read(name: entry.key, entry.value, at: entry.path, reader: reader)
        }
        if fields.isEmpty {
            reader.error("an xml input needs 'fields', a mapping of field names to XPaths", at: map.path)
        }
        var namespaces: [String: String] = [:]
        for entry in reader.entries(map["namespaces"], at: map.path("namespaces")) {
            namespaces[entry.key] = reader.string(entry.value, at: entry.path)
        }
        let stream = map["stream"].flatMap { reader.bool($0, at: map.path("stream")) } ?? false
        var options = XMLInputOptions(record: record, fields: fields, namespaces: namespaces, stream: stream)
        if let limit = map["max_document_mb"].flatMap({ reader.int($0, at: map.path("max_document_mb"), in: 1...2048) }) {
            options.maxDocumentMB = limit
        }
        return options
    }
}

/// The columns of a bank master row.
public enum BankMasterColumns {
    /// The key, `0005:123`, to join on `[bank_code, branch_code]`.
    public static let key = "コード"
    public static let all = [key, "金融機関コード", "金融機関名", "金融機関名カナ", "支店コード", "支店名", "支店名カナ"]
}

/// A field of an XML record: an XPath relative to the record (`payable: cac:LegalMonetaryTotal/cbc:PayableAmount`).
/// An XPath that selects several elements makes the record a reject (its value would be ambiguous)
/// unless the field is declared a list, whose value is every element's text joined by `list`:
///
/// ```yaml
/// references: { xpath: cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID, list: "、" }
/// ```
public struct XMLField: Sendable {
    public var name: String
    public var xpath: String
    /// The separator of a list field's values; nil for a field of one value.
    public var list: String?

    public init(name: String, xpath: String, list: String? = nil) {
        (self.name, self.xpath, self.list) = (name, xpath, list)
    }

    static func read(name: String, _ node: Node, at path: KeyPath, reader: SpecReader) -> XMLField? {
        if case .mapping = node {
            guard let map = reader.mapping(node, at: path, allowed: ["xpath", "list"], required: ["xpath"]),
                  let xpath = reader.string(map["xpath"], at: map.path("xpath"))
            else { return nil }
            return XMLField(name: name, xpath: xpath, list: map["list"].flatMap { reader.string($0, at: map.path("list")) })
        }
        return reader.string(node, at: path).map { XMLField(name: name, xpath: $0) }
    }
}
