/// Splits RFC 4180 rows out of a byte buffer, working on raw UTF-8 or CP932 bytes (CP932 trail
/// bytes never equal `"`, `,`, CR or LF, so no decoding is needed to find field boundaries).
///
/// Field contents are copied, with `""` unescaped, into `scratch`; `fieldEnds` marks where each ends.
struct CSVRowParser {
    /// A row found in the buffer.
    struct Row {
        /// Bytes consumed, including the line break.
        var length: Int
        /// Length of the row without its line break.
        var contentLength: Int
        /// Line breaks inside the row plus its own (to advance the line counter).
        var lines: Int
        /// The first structural problem and the 1-based field it is in.
        var problem: (field: Int, kind: Problem)?
    }

    /// What can be structurally wrong with a row.
    enum Problem: Equatable {
        /// A quote opened on the row's line + `lineOffset` never closes.
        case unterminatedQuote(lineOffset: Int)
        /// Text follows a closing quote.
        case textAfterQuote
        /// A quote appears in the middle of an unquoted field.
        case quoteInUnquotedField
    }

    var scratch: [UInt8] = []
    var fieldEnds: [Int] = []

    /// Parses one row starting at `start`.
    /// - Returns: the row, or nil when the buffer ends inside it and more bytes may follow.
    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool) -> Row? {
        scratch.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        let end = buffer.count
        var position = start
        var lines = 0
        var problem: (field: Int, kind: Problem)?
        while true {
            let field = fieldEnds.count + 1
            if position < end, buffer[position] == 0x22 {
                switch quoted(buffer, from: position + 1, atEOF: atEOF) {
                case .needMore:
                    return nil
                case .unterminated(let next, let breaks):
                    problem = problem ?? (field, .unterminatedQuote(lineOffset: lines))
                    fieldEnds.append(scratch.count)
                    return Row(length: next - start, contentLength: next - start, lines: lines + breaks, problem: problem)
                case .closed(let next, let breaks):
                    (position, lines) = (next, lines + breaks)
                }
                if position < end, ![0x2C, 0x0D, 0x0A].contains(buffer[position]) {
                    problem = problem ?? (field, .textAfterQuote)
                }
            }
            while position < end, buffer[position] != 0x2C, buffer[position] != 0x0A, buffer[position] != 0x0D {
                if buffer[position] == 0x22, problem == nil {
                    problem = (field, .quoteInUnquotedField)
                }
                scratch.append(buffer[position])
                position += 1
            }
            fieldEnds.append(scratch.count)
            if position == end {
                guard atEOF else { return nil }
                return Row(length: position - start, contentLength: position - start, lines: lines, problem: problem)
            }
            switch buffer[position] {
            case 0x2C:
                position += 1
            case 0x0D:
                let contentEnd = position
                if position + 1 == end && !atEOF { return nil }
                position += (position + 1 < end && buffer[position + 1] == 0x0A) ? 2 : 1
                return Row(length: position - start, contentLength: contentEnd - start, lines: lines + 1, problem: problem)
            default:
                return Row(length: position + 1 - start, contentLength: position - start, lines: lines + 1, problem: problem)
            }
        }
    }

    /// How a quoted field ended: where scanning stopped and how many line breaks it held.
    private enum QuotedEnd {
        case closed(next: Int, breaks: Int)
        case unterminated(next: Int, breaks: Int)
        case needMore
    }

    /// Copies a quoted field's content (after its opening quote), unescaping `""`.
    private mutating func quoted(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool) -> QuotedEnd {
        let end = buffer.count
        var position = start
        var breaks = 0
        while position < end {
            let byte = buffer[position]
            if byte == 0x22 {
                if position + 1 < end, buffer[position + 1] == 0x22 {
                    scratch.append(0x22)
                    position += 2
                    continue
                }
                if position + 1 == end && !atEOF { return .needMore }
                return .closed(next: position + 1, breaks: breaks)
            }
            if byte == 0x0A { breaks += 1 }
            scratch.append(byte)
            position += 1
        }
        return atEOF ? .unterminated(next: position, breaks: breaks) : .needMore
    }

    /// The bytes of field `index` (0-based).
    func field(_ index: Int) -> ArraySlice<UInt8> {
        scratch[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
    }
}
