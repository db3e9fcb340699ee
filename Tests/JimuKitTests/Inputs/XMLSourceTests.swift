import Foundation
@testable import JimuKit
import JimuSpec
import JimuTestSupport
import Testing

@Suite struct XMLSourceTests {
    static let invoiceFields: [XMLField] = [
        ("id", "cbc:ID"), ("supplier", "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"),
        ("payable", "cac:LegalMonetaryTotal/cbc:PayableAmount"),
        ("currency", "cac:LegalMonetaryTotal/cbc:PayableAmount/@currencyID"),
        ("lines", "count(cac:InvoiceLine)"), ("tax10", "cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cbc:Percent = 10]/cbc:TaxAmount"),
    ].map { XMLField(name: $0.0, xpath: $0.1) }

    static func records(_ files: [URL], record: String = "/inv:Invoice", fields: [XMLField] = invoiceFields, stream: Bool = false) throws -> [SourceRecord] {
        let options = XMLInputOptions(record: record, fields: fields, stream: stream)
        var source: any RecordSource = stream
            ? try XMLStreamSource(files: files, options: options) { $0.lastPathComponent }
            : XMLDocumentSource(files: files, options: options) { $0.lastPathComponent }
        var found: [SourceRecord] = []
        while let record = try source.next() { found.append(record) }
        return found
    }

    static func file(_ text: String, _ name: String = "doc.xml") -> URL {
        let url = Fixtures.temporaryDirectory().appendingPathComponent(name)
        Fixtures.write(text, to: url)
        return url
    }

    @Test("reads UBL fields by namespaced XPath from the sample invoice")
    func sampleInvoice() throws {
        let records = try Self.records([Fixtures.url("Samples/invoices/inv-2026-1101.xml")])
        #expect(records.count == 1)
        #expect(records[0].values == ["INV-2026-1101", "T6011001045671", "42800", "JPY", "2", "3400"])
        #expect(records[0].problem == nil)
    }

    @Test("a DOCTYPE is refused: billion laughs, external entities, quadratic blow-up", arguments: [
        """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol3;</Invoice>
        """,
        """
        <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>
        """,
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"\(String(repeating: "x", count: 50_000))\">]>"
            + "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">"
            + String(repeating: "&a;", count: 20_000) + "</Invoice>",
    ])
    func hostile(text: String) throws {
        for stream in [false, true] {
            let records = try Self.records([Self.file(text)], stream: stream)
            #expect(records.count == 1)
            #expect(records[0].problem?.message.hasPrefix("the document has a DOCTYPE") == true)
        }
    }

    @Test("a malformed file becomes one rejected record naming line and column; the next file still reads")
    func malformed() throws {
        let broken = Self.file("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">\n<a></b>\n</Invoice>", "a.xml")
        let records = try Self.records([broken, Fixtures.url("Samples/invoices/inv-hs-0042.xml")])
        #expect(records.count == 2)
        #expect(records[0].problem?.message.hasPrefix("not well-formed XML at line 2") == true)
        #expect(records[1].values.first == "HS-0042")
    }

    @Test("a document without the record element is rejected with that reason")
    func noRecord() throws {
        let records = try Self.records([Fixtures.url("Samples/invoices/cn-s-88130.xml")])
        #expect(records.first?.problem?.message == "no record matches '/inv:Invoice'; is this the right kind of document?")
    }

    @Test("streaming reads many records of one file with line numbers and bounded work")
    func stream() throws {
        let rows = (1...5000).map { "  <t:Row><t:No>\($0)</t:No><t:Name>山田\($0)</t:Name></t:Row>" }.joined(separator: "\n")
        let url = Self.file("<?xml version=\"1.0\"?>\n<t:Export xmlns:t=\"urn:test\">\n\(rows)\n</t:Export>\n")
        let options = XMLInputOptions(
            record: "/t:Export/t:Row", fields: [XMLField(name: "no", xpath: "t:No"), XMLField(name: "name", xpath: "t:Name")], namespaces: ["t": "urn:test"], stream: true)
        var source = try XMLStreamSource(files: [url], options: options) { _ in "export.xml" }
        var count = 0
        while let record = try source.next() {
            count += 1
            if count == 1 { #expect(record.values == ["1", "山田1"] && record.location.line == 3) }
            if count == 5000 { #expect(record.values == ["5000", "山田5000"]) }
        }
        #expect(count == 5000)
        #expect(source.files.first?.records == 5000)
    }

    @Test("streaming refuses record paths it cannot follow")
    func streamPaths() {
        #expect(XMLStreamSource.steps(of: "/inv:Invoice", namespaces: [:])?.count == 1)
        #expect(XMLStreamSource.steps(of: "//Row", namespaces: [:]) == nil)
        #expect(XMLStreamSource.steps(of: "/a/b[1]", namespaces: [:]) == nil)
        #expect(XMLStreamSource.steps(of: "/x:A", namespaces: [:]) == nil)
    }

    @Test("a field declared a list holds every element's text, joined; undeclared, several elements are a reject", arguments: [false, true])
    func listField(stream: Bool) throws {
        let url = Self.file("""
            <?xml version="1.0"?>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
              xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
              xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID>INV-9</cbc:ID>
              <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
              <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID> INV-2 </cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>
            </Invoice>
            """)
        let xpath = "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
        let listed = try Self.records([url], fields: [XMLField(name: "id", xpath: "cbc:ID"), XMLField(name: "refs", xpath: xpath, list: "、")], stream: stream)
        #expect(listed.map(\.values) == [["INV-9", "INV-1、INV-2"]] && listed[0].problem == nil)
        let single = try Self.records([url], fields: [XMLField(name: "id", xpath: "cbc:ID"), XMLField(name: "refs", xpath: xpath)], stream: stream)
        #expect(single[0].problem?.message.hasPrefix("field 'refs': '\(xpath)' matches 2 elements, so its value is ambiguous; declare the field a list") == true)
    }
}
