import CLibXML2
import Crypto
import Foundation
import JimuSpec

/// Reads records from whole XML documents (one e-invoice per file, a folder of them): each file is
/// parsed with libxml2, records are the nodes `record` selects, fields are XPaths relative to them.
///
/// A file that is not well-formed, or that has a DOCTYPE, becomes one rejected record.
struct XMLDocumentSource: RecordSource {
    let columns: [String]
    private(set) var files: [InputFileDigest] = []
    let rejectsFormat = RejectsFormat.listing

    private let urls: [URL]
    private let options: XMLInputOptions
    private let display: (URL) -> String
    private var fileIndex = 0
    private var pending: [SourceRecord] = []
    private var recordIndex = 0

    /// Reads the files in order.
    init(files urls: [URL], options: XMLInputOptions, display: @escaping (URL) -> String) {
        _ = XMLSupport.initialise
        self.urls = urls
        self.options = options
        self.display = display
        columns = options.fields.map(\.name)
    }

    var fractionRead: Double? {
        urls.isEmpty ? nil : Double(fileIndex) / Double(urls.count)
    }

    mutating func next() throws -> SourceRecord? {
        while pending.isEmpty {
            guard fileIndex < urls.count else { return nil }
            pending = try records(in: urls[fileIndex]).reversed()
            fileIndex += 1
        }
        return pending.popLast()
    }

    // MARK: - Private

    private mutating func records(in url: URL) throws -> [SourceRecord] {
        let file = display(url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > options.maxDocumentMB << 20 {
            files.append(InputFileDigest(path: file, sha256: try FileDigest.sha256(of: url), size: size, records: 1))
            return [problem(file, """
                the file is \(size >> 20) MB, more than the \(options.maxDocumentMB) MB a document is read whole up to; \
                read large exports with 'stream: true', or raise 'max_document_mb' of the input
                """)]
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: file, "cannot read the file", hint: "check that it exists and is readable")
        }
        let digest = FileDigest.hex(SHA256.hash(data: data))
        let found = parse(data, file: file)
        files.append(InputFileDigest(path: file, sha256: digest, size: data.count, records: found.count))
        return found
    }

    private mutating func parse(_ data: Data, file: String) -> [SourceRecord] {
        if let (message, hint) = InputSniff.problem(data, as: .xml) { return [problem(file, "\(message); \(hint)")] }
        if XMLSupport.prologHasDoctype(data) { return [problem(file, XMLSupport.doctypeRefused)] }
        guard let context = xmlNewParserCtxt() else { return [problem(file, "libxml2 could not start")] }
        defer { xmlFreeParserCtxt(context) }
        let document = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(
                context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), file, nil,
                XMLSupport.parseOptions)
        }
        guard let document else {
            let error = XMLSupport.lastError(context)
            return [problem(file, "not well-formed XML at \(error.message)", line: error.line)]
        }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil else { return [problem(file, XMLSupport.doctypeRefused)] }
        return select(in: document, file: file)
    }

    private mutating func select(in document: xmlDocPtr, file: String) -> [SourceRecord] {
        guard let xpath = xmlXPathNewContext(document) else { return [problem(file, "libxml2 could not start XPath")] }
        defer { xmlXPathFreeContext(xpath) }
        XMLSupport.register(options.namespaces, on: xpath)
        let fields = XMLSupport.compileFields(options.fields)
        defer { fields.forEach { xmlXPathFreeCompExpr($0) } }
        guard let selected = xmlXPathEvalExpression(options.record, xpath) else {
            return [problem(file, "the record XPath '\(options.record)' cannot be evaluated")]
        }
        defer { xmlXPathFreeObject(selected) }
        let count = Int(selected.pointee.nodesetval?.pointee.nodeNr ?? 0)
        guard count > 0 else {
            return [problem(file, "no record matches '\(options.record)'; is this the right kind of document?")]
        }
        return (0..<count).compactMap { index in
            guard let node = selected.pointee.nodesetval.pointee.nodeTab[index] else { return nil }
            recordIndex += 1
            let line = Int(xmlGetLineNo(node))
            let location = RecordLocation(file: file, line: line > 0 ? line : nil, index: recordIndex)
            let (values, problem) = XMLSupport.values(of: node, in: xpath, fields: fields, specs: options.fields)
            return SourceRecord(values: values, location: location, raw: [], problem: problem)
        }
    }

    private mutating func problem(_ file: String, _ message: String, line: Int? = nil) -> SourceRecord {
        recordIndex += 1
        let location = RecordLocation(file: file, line: line, index: recordIndex)
        return SourceRecord(values: [], location: location, raw: [], problem: InputProblem(message: message))
    }
}
