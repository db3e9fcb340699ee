import Foundation
import FuzzSupport
@testable import JimuKit
import JimuSpec

/// XML records and fields, read whole (an e-invoice) and streamed (a tax system's export), with the
/// shipped job's XPaths and a list field.
@main
enum Harness {
    static func main() {
        exit(LibFuzzer.run(fuzzXML))
    }
}

/// libFuzzer's entry point by name too, for a debug build, whose link takes libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let file = ScratchFile.write(UnsafeBufferPointer(start: start, count: count), suffix: "xml")
    let namespaces = [
        "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    ]
    let fields = [
        XMLField(name: "id", xpath: "cbc:ID"), XMLField(name: "payable", xpath: "cac:LegalMonetaryTotal/cbc:PayableAmount"),
        XMLField(name: "lines", xpath: "cac:InvoiceLine/cbc:ID", list: ","),
        XMLField(name: "adds_up", xpath: "cac:LegalMonetaryTotal/cbc:LineExtensionAmount = sum(cac:InvoiceLine/cbc:LineExtensionAmount)"),
        XMLField(name: "attribute", xpath: "@id"),
    ]
    var whole = XMLDocumentSource(
        files: [file], options: XMLInputOptions(record: "/inv:Invoice | //Row", fields: fields, namespaces: namespaces),
        display: { $0.lastPathComponent })
    while let _ = try? whole.next() {}
    if var streamed = try? XMLStreamSource(
        files: [file], options: XMLInputOptions(record: "/Export/Row", fields: fields, namespaces: namespaces, stream: true),
        display: { $0.lastPathComponent })
    {
        while let _ = try? streamed.next() {}
    }
    return 0
}
