/// The everyday subset of `pattern:` checks (`T[0-9]{13}`, `R[0-9]+-[0-9]{5}`, `[A-Z]{2}\.[0-9]*`)
/// matched on ASCII text without the regex engine, which costs microseconds per value.
///
/// Understood: literal characters, `\` before a punctuation character, `.`, sets `[a-z0-9_]` and
/// `[^…]`, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. A pattern with anything else
/// (groups, alternation, anchors, classes such as `\d`) is left to `Regex`, and so is text that is
/// not ASCII, where characters and bytes differ.
struct SimplePattern: Sendable {
    /// One position of the pattern: which bytes it takes and how many times.
    private struct Token: Sendable {
        var accepts: (low: UInt64, high: UInt64)
        var min: Int
        var max: Int

        func matches(_ byte: UInt8) -> Bool {
            byte < 64 ? accepts.low & (1 << UInt64(byte)) != 0 : accepts.high & (1 << UInt64(byte - 64)) != 0
        }
    }

    private let tokens: [Token]

    /// Compiles a pattern; nil when it uses more than the subset.
    init?(_ pattern: String) {
        var scalars = Array(pattern.unicodeScalars)[...]
        var tokens: [Token] = []
        while let scalar = scalars.popFirst() {
            var token: Token
            switch scalar {
            case ".":
                token = Token(accepts: Self.set { !(0x0A...0x0D).contains($0) }, min: 1, max: 1)
            case "\\":
                guard let escaped = scalars.popFirst(), Self.isEscapedLiteral(escaped) else { return nil }
                token = Token(accepts: Self.set { $0 == escaped.value }, min: 1, max: 1)
            case "[":
                guard let accepts = Self.bracket(&scalars) else { return nil }
                token = Token(accepts: accepts, min: 1, max: 1)
            case "(", ")", "|", "^", "$", "{", "}", "]", "?", "*", "+":
                return nil
            default:
                token = Token(accepts: Self.set { $0 == scalar.value }, min: 1, max: 1)
            }
            guard Self.quantifier(&scalars, into: &token) else { return nil }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches; nil when the text is not ASCII (ask `Regex`).
    func wholeMatch(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return match(tokens[...], bytes[...])
        }
    }

    // MARK: - Private

    private func match(_ tokens: ArraySlice<Token>, _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let token = tokens.first else { return bytes.isEmpty }
        var taken = 0
        var index = bytes.startIndex
        while taken < token.max, index < bytes.endIndex, token.matches(bytes[index]) {
            taken += 1
            index += 1
        }
        while taken >= token.min {
            if match(tokens.dropFirst(), bytes[(bytes.startIndex + taken)...]) { return true }
            taken -= 1
        }
        return false
    }

    /// `\.`, `\-`, `\$`…: ASCII punctuation after a backslash stands for itself (`\d`, `\1` do not).
    private static func isEscapedLiteral(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(scalar.value) && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar)
    }

    private static func set(_ accepts: (UInt32) -> Bool) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for byte in UInt32(0)..<128 where accepts(byte) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }

    /// `[...]` after its `[`: members and ranges, `^` for the complement.
    private static func bracket(_ scalars: inout ArraySlice<Unicode.Scalar>) -> (low: UInt64, high: UInt64)? {
        let body = String(String.UnicodeScalarView(scalars))
        guard !body.contains("&&"), !body.contains("--"), !body.contains("~~") else { return nil }  // set operations
        var negated = false
        if scalars.first == "^" {
            negated = true
            scalars.removeFirst()
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while let scalar = scalars.popFirst() {
            if scalar == "]", !first {
                return set { byte in ranges.contains { $0.contains(byte) } != negated }
            }
            first = false
            var low = scalar
            if low == "\\" {
                guard let escaped = scalars.popFirst(), Self.isEscapedLiteral(escaped) else { return nil }
                low = escaped
            } else if low == "[" {
                return nil  // POSIX classes and nested sets
            }
            if scalars.first == "-", scalars.dropFirst().first.map({ $0 != "]" }) == true {
                scalars.removeFirst()
                let high = scalars.removeFirst()
                guard high != "\\", high != "[", low.value <= high.value else { return nil }
                ranges.append(low.value...high.value)
            } else {
                ranges.append(low.value...low.value)
            }
        }
        return nil
    }

    /// A quantifier after a token, if any; false when it is malformed or lazy/possessive.
    private static func quantifier(_ scalars: inout ArraySlice<Unicode.Scalar>, into token: inout Token) -> Bool {
        switch scalars.first {
        case "?": (token.min, token.max) = (0, 1)
        case "*": (token.min, token.max) = (0, .max)
        case "+": (token.min, token.max) = (1, .max)
        case "{":
            guard let close = scalars.firstIndex(of: "}") else { return false }
            let body = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let low = Int(parts[0]), low <= 1000 else { return false }
            let high = parts.count == 1 ? low : parts[1].isEmpty ? Int.max : Int(parts[1]) ?? -1
            guard high >= low else { return false }
            (token.min, token.max) = (low, high)
            scalars = scalars[close...]
        default: return true
        }
        scalars.removeFirst()
        if let next = scalars.first, next == "?" || next == "+" || next == "*" || next == "{" { return false }
        return true
    }
}
