import CLibXML2
import Crypto
import Foundation
import JimuSpec

/// Streams records out of one large XML file with libxml2's `xmlTextReader`: only the current
/// record's subtree is in memory. The record path is a simple absolute path of elements
/// (`/exp:Export/exp:Taxpayer`); fields are XPaths relative to each record.
struct XMLStreamSource: RecordSource {
    let columns: [String]
    private(set) var files: [InputFileDigest] = []
    let rejectsFormat = RejectsFormat.listing

    private let urls: [URL]
    private let options: XMLInputOptions
    private let display: (URL) -> String
    private let steps: [(namespace: String?, name: String)]
    private var reader: StreamReader?
    private var fileIndex = -1
    private var recordIndex = 0
    private var fileRecords = 0

    /// Prepares to read the files in order.
    /// - Throws: `InputError` when `record` is not a simple element path.
    init(files urls: [URL], options: XMLInputOptions, display: @escaping (URL) -> String) throws {
        _ = XMLSupport.initialise
        self.urls = urls
        self.options = options
        self.display = display
        columns = options.fields.map(\.name)
        guard let steps = Self.steps(of: options.record, namespaces: options.namespaces) else {
            throw InputError(
                file: urls.first.map(display) ?? "", "streamed XML needs a record path of elements like '/a:Export/a:Row'",
                hint: "predicates and '//' work only without 'stream: true'")
        }
        self.steps = steps
    }

    /// `/p:A/p:B` → [(uri of p, A), (uri of p, B)], or nil when it is not that simple.
    static func steps(of path: String, namespaces: [String: String]) -> [(namespace: String?, name: String)]? {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        let all = XMLSupport.builtInNamespaces.merging(namespaces) { $1 }
        var steps: [(String?, String)] = []
        for step in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard !step.isEmpty, !step.contains(where: { "[]()@*. ".contains($0) }) else { return nil }
            let parts = step.split(separator: ":")
            if parts.count == 2 {
                guard let uri = all[String(parts[0])] else { return nil }
                steps.append((uri, String(parts[1])))
            } else {
                steps.append((nil, String(step)))
            }
        }
        return steps
    }

    var fractionRead: Double? {
        urls.isEmpty ? nil : Double(max(fileIndex, 0)) / Double(urls.count)
    }

    mutating func next() throws -> SourceRecord? {
        while true {
            if reader == nil {
                if fileIndex >= 0 { try finishFile() }
                fileIndex += 1
                guard fileIndex < urls.count else { return nil }
                reader = try StreamReader(url: urls[fileIndex], display: display(urls[fileIndex]), options: options)
                fileRecords = 0
            }
            if let record = reader!.nextRecord(matching: steps, index: recordIndex + 1) {
                recordIndex += 1
                fileRecords += 1
                return record
            }
            reader = nil
        }
    }

    private mutating func finishFile() throws {
        let url = urls[fileIndex]
        files.append(InputFileDigest(
            path: display(url), sha256: try FileDigest.sha256(of: url), size: FileDigest.size(of: url),
            records: fileRecords))
    }
}

/// One open `xmlTextReader`, freed when the file is done.
private final class StreamReader {
    let reader: xmlTextReaderPtr
    let file: String
    let fields: [xmlXPathCompExprPtr?]
    let specs: [XMLField]
    let namespaces: [String: String]
    var path: [(namespace: String?, name: String)] = []
    /// Refusing (a DOCTYPE was seen before parsing), reading, or done.
    enum State { case refusing, reading, done }
    var state = State.reading

    init(url: URL, display: String, options: XMLInputOptions) throws {
        let prolog = FileHandle(forReadingAtPath: url.path).flatMap { try? $0.read(upToCount: 64 << 10) } ?? Data()
        if let (message, hint) = InputSniff.problem(prolog, as: .xml) { throw InputError(file: display, message, hint: hint) }
        if XMLSupport.prologHasDoctype(prolog) { state = .refusing }
        guard let reader = xmlReaderForFile(url.path, nil, XMLSupport.parseOptions) else {
            throw InputError(file: display, "cannot open the file", hint: "check that it exists and is readable")
        }
        self.reader = reader
        file = display
        fields = XMLSupport.compileFields(options.fields)
        specs = options.fields
        namespaces = options.namespaces
    }

    deinit {
        fields.forEach { xmlXPathFreeCompExpr($0) }
        xmlFreeTextReader(reader)
    }

    /// Advances to the next element whose path equals `steps`, or returns a problem record.
    func nextRecord(matching steps: [(namespace: String?, name: String)], index: Int) -> SourceRecord? {
        switch state {
        case .done: return nil
        case .refusing:
            state = .done
            return problem(XMLSupport.doctypeRefused, index: index, line: nil)
        case .reading: break
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                state = .done
                return nil
            }
            if status < 0 { return failure(index: index) }
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                state = .done
                return problem(XMLSupport.doctypeRefused, index: index, line: nil)
            }
            guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
            let depth = Int(xmlTextReaderDepth(reader))
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            let uri = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
            path.removeLast(max(0, path.count - depth))
            path.append((uri, name))
            let empty = xmlTextReaderIsEmptyElement(reader) == 1
            if path.count == steps.count, zip(path, steps).allSatisfy({ $0.name == $1.name && $0.namespace == $1.namespace }) {
                return record(index: index)
            }
            if empty { path.removeLast() }
        }
    }

    private func record(index: Int) -> SourceRecord? {
        guard let node = xmlTextReaderExpand(reader), let document = xmlTextReaderCurrentDoc(reader),
              let xpath = xmlXPathNewContext(document)
        else { return failure(index: index) }
        defer { xmlXPathFreeContext(xpath) }
        XMLSupport.register(namespaces, on: xpath)
        let line = Int(xmlGetLineNo(node))
        let (values, problem) = XMLSupport.values(of: node, in: xpath, fields: fields, specs: specs)
        path.removeLast()
        if xmlTextReaderNext(reader) < 0 { state = .done }
        let location = RecordLocation(file: file, line: line > 0 ? line : nil, index: index)
        return SourceRecord(values: values, location: location, raw: [], problem: problem)
    }

    private func failure(index: Int) -> SourceRecord {
        state = .done
        let line = Int(xmlTextReaderGetParserLineNumber(reader))
        return problem(
            "not well-formed XML near line \(line); records after this point were not read; fix the file and run again",
            index: index, line: line)
    }

    private func problem(_ message: String, index: Int, line: Int?) -> SourceRecord {
        let location = RecordLocation(file: file, line: line, index: index)
        return SourceRecord(values: [], location: location, raw: [], problem: InputProblem(message: message))
    }
}
