import CLibXML2
import Foundation
import JimuSpec

/// What Jimu's XML inputs share: safe parser options, namespaces, compiled field expressions.
enum XMLSupport {
    /// The UBL prefixes every job can use without declaring them.
    static let builtInNamespaces: [String: String] = [
        "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    ]

    /// No network, no entity substitution, no DTD loading, no error printing (errors are read from
    /// the context). DOCTYPEs are refused on top of this, which also stops the quadratic blow-up.
    static let parseOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    static let initialise: Void = { xmlInitParser() }()

    /// The refusal message for any document with a DOCTYPE.
    static let doctypeRefused =
        "the document has a DOCTYPE, which Jimu refuses (entities can expand without bound or read local files); "
        + "UBL invoices never need one"

    /// Whether a DOCTYPE appears before the root element. Checked on the raw bytes before libxml2
    /// reads the document, so no entity is ever declared; `intSubset` is checked again after parsing.
    static func prologHasDoctype(_ bytes: some Collection<UInt8>) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        var iterator = bytes.makeIterator()
        var window: [UInt8] = []
        while let byte = iterator.next() {
            window.append(byte)
            if window.count > marker.count { window.removeFirst() }
            if window == marker { return true }
            if window.count >= 2, window[window.count - 2] == 0x3C, isNameStart(byte) { return false }
        }
        return false
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte >= 0x80
    }

    /// Registers the built-in and the job's namespaces on an XPath context.
    static func register(_ namespaces: [String: String], on context: xmlXPathContextPtr) {
        for (prefix, uri) in builtInNamespaces.merging(namespaces, uniquingKeysWith: { $1 }) {
            xmlXPathRegisterNs(context, prefix, uri)
        }
    }

    /// Compiles `string(expr)` for each field.
    static func compileFields(_ fields: [XMLField]) -> [xmlXPathCompExprPtr?] {
        fields.map { xmlXPathCompile($0.xpath) }
    }

    /// Evaluates compiled field expressions with `node` as the context node: each field's text, and
    /// the problem of a field whose XPath selects several elements (two `PayableAmount`s): one value
    /// per field, never the first of several, unless the field is a list (then every element's text,
    /// joined).
    static func values(
        of node: xmlNodePtr, in context: xmlXPathContextPtr, fields: [xmlXPathCompExprPtr?], specs: [XMLField]
    ) -> (values: [String], problem: InputProblem?) {
        context.pointee.node = node
        var problem: InputProblem?
        let values = fields.enumerated().map { index, expression -> String in
            guard let expression, let result = xmlXPathCompiledEval(expression, context) else { return "" }
            defer { xmlXPathFreeObject(result) }
            if result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval, set.pointee.nodeNr > 1 {
                let spec = specs[index]
                if let separator = spec.list {
                    return (0..<Int(set.pointee.nodeNr)).map { position -> String in
                        guard let text = xmlXPathCastNodeToString(set.pointee.nodeTab[position]) else { return "" }
                        defer { jimu_xml_free(text) }
                        return JapaneseText.trim(String(cString: text))
                    }.joined(separator: separator)
                }
                if problem == nil {
                    problem = InputProblem(
                        columnName: spec.name,
                        message: "field '\(spec.name)': '\(spec.xpath)' matches \(set.pointee.nodeNr) elements, so its value is ambiguous; declare the field a list if it may hold several values, or ask the sender for a corrected document")
                }
            }
            guard let text = xmlXPathCastToString(result) else { return "" }
            defer { jimu_xml_free(text) }
            return JapaneseText.trim(String(cString: text))
        }
        return (values, problem)
    }

    /// The last error of a parser context as `line L, column C: message`.
    static func lastError(_ context: xmlParserCtxtPtr?) -> (line: Int?, message: String) {
        guard let context, let error = xmlCtxtGetLastError(context) else { return (nil, "not well-formed XML") }
        let message = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "not well-formed XML"
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        return (line > 0 ? line : nil, line > 0 ? "line \(line), column \(column): \(message)" : message)
    }

    /// Whether an XPath expression compiles.
    static func compiles(_ expression: String) -> Bool {
        _ = initialise
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }
}
