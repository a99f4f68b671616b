import ConfigDiagnostics

/// Splits one haproxy.cfg line into words exactly as HAProxy 2.6 does:
/// blanks separate words; `#` starts a comment outside quotes; single
/// quotes take everything literally; double quotes allow escapes and
/// environment variables; a backslash escapes `\ `, `\\`, `\#`, `\'`,
/// `\"`, `\$` (inside double quotes), `\t`, `\n`, `\r` and `\xHH`, and is
/// kept as it is before any other character.
public struct LineLexer: Sendable {
    /// HAProxy's limit on words per line.
    public static let maximumWords = 64

    private let bytes: [UInt8]
    private let variables: VariableResolver

    public init(bytes: [UInt8], variables: VariableResolver) {
        self.bytes = bytes
        self.variables = variables
    }

    /// Lexes the bytes `[start, end)` (one line without its terminator).
    public func lex(start: Int, end: Int, context: LineContext) -> LexedLine {
        var scanner = Scanner(bytes: bytes, position: start, end: end, variables: variables, context: context)
        scanner.run()
        return scanner.result
    }
}

private extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let dquote = UInt8(ascii: "\"")
    static let squote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let dollar = UInt8(ascii: "$")

    /// C's isspace: space, \t, \n, \v, \f, \r.
    var isBlank: Bool { self == .space || (self >= 9 && self <= 13) }
    var isAlpha: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var hexValue: UInt8? {
        if isDigit { return self - UInt8(ascii: "0") }
        let lower = self | 0x20
        if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") { return lower - UInt8(ascii: "a") + 10 }
        return nil
    }
}

/// The mutable state of lexing one line.
private struct Scanner {
    let bytes: [UInt8]
    var position: Int
    let end: Int
    let variables: VariableResolver
    let context: LineContext
    var result = LexedLine()

    var current: [UInt8] = []
    var wordStart: Int? = nil
    var wordQuoted = false
    var inSingle = false
    var inDouble = false
    var quoteStart = 0

    init(bytes: [UInt8], position: Int, end: Int, variables: VariableResolver, context: LineContext) {
        self.bytes = bytes
        self.position = position
        self.end = end
        self.variables = variables
        self.context = context
    }

    func byte(at index: Int) -> UInt8? { index < end ? bytes[index] : nil }

    mutating func begin() {
        if wordStart == nil { wordStart = position }
    }

    mutating func finishWord(at offset: Int) {
        guard let start = wordStart else { return }
        result.words.append(
            Word(text: String(decoding: current, as: UTF8.self), start: start, end: offset, isQuoted: wordQuoted))
        current.removeAll(keepingCapacity: true)
        wordStart = nil
        wordQuoted = false
    }

    mutating func problem(_ rule: RuleID, _ message: String, _ start: Int, _ end: Int, severity: Severity = .error) {
        result.problems.append(LexProblem(rule: rule, severity: severity, message: message, start: start, end: end))
    }

    mutating func run() {
        // A line holds a few words: room for them up front saves growing the arrays word by word.
        result.words.reserveCapacity(8)
        current.reserveCapacity(64)
        while position < end {
            let c = bytes[position]
            if c == 0 {
                problem(.strayNulByte, LexerMessage.strayNulByte, position, position + 1)
                break
            }
            // A CR ends the line for HAProxy, wherever it stands.
            if c == UInt8(ascii: "\r") { break }
            if c == .hash && !inSingle && !inDouble {
                result.commentStart = position
                break
            }
            if c == .dquote && !inSingle {
                begin()
                wordQuoted = true
                inDouble.toggle()
                quoteStart = position
                position += 1
                continue
            }
            if c == .squote && !inDouble {
                begin()
                wordQuoted = true
                inSingle.toggle()
                quoteStart = position
                position += 1
                continue
            }
            if c == .backslash && !inSingle {
                if !escape() { result.isMalformed = true; return }
                continue
            }
            if c.isBlank && !inSingle && !inDouble {
                finishWord(at: position)
                while position < end, bytes[position].isBlank { position += 1 }
                continue
            }
            if c == .dollar && inDouble {
                if !expandVariable() { result.isMalformed = true; return }
                continue
            }
            begin()
            current.append(c)
            position += 1
        }
        if inSingle || inDouble {
            problem(.unmatchedQuote, LexerMessage.unmatchedQuote, quoteStart, quoteStart + 1)
            result.isMalformed = true
            return
        }
        finishWord(at: position)
        if result.words.count > LineLexer.maximumWords {
            let extra = result.words[LineLexer.maximumWords]
            problem(.tooManyWords, LexerMessage.tooManyWords, extra.start, result.words.last!.end)
            result.isMalformed = true
        }
    }

    /// Handles a backslash outside single quotes; false on a fatal error.
    mutating func escape() -> Bool {
        begin()
        let next = byte(at: position + 1)
        switch next {
        case UInt8(ascii: " "), UInt8(ascii: "\\"), UInt8(ascii: "#"), UInt8(ascii: "'"), UInt8(ascii: "\""):
            current.append(next!)
            position += 2
        case UInt8(ascii: "t"):
            current.append(.tab); position += 2
        case UInt8(ascii: "n"):
            current.append(UInt8(ascii: "\n")); position += 2
        case UInt8(ascii: "r"):
            current.append(UInt8(ascii: "\r")); position += 2
        case UInt8(ascii: "$") where inDouble:
            current.append(.dollar); position += 2
        case UInt8(ascii: "x"):
            guard let high = byte(at: position + 2)?.hexValue, let low = byte(at: position + 3)?.hexValue else {
                problem(.invalidHexEscape, LexerMessage.invalidHexEscape, position, min(position + 4, end))
                return false
            }
            current.append(high << 4 | low)
            position += 4
        case nil, UInt8(ascii: "\r"):
            result.trailingBackslash = position
            current.append(.backslash)
            position += 1
        default:
            current.append(.backslash)
            position += 1
        }
        return true
    }

    /// Expands `$NAME`, `${NAME}`, `${NAME-default}` or `${NAME[*]}` inside
    /// double quotes; false on a fatal error.
    mutating func expandVariable() -> Bool {
        begin()
        let dollarAt = position
        position += 1
        var braceAt: Int? = nil
        if byte(at: position) == UInt8(ascii: "{") {
            braceAt = position
            position += 1
        }
        guard let first = byte(at: position), first.isAlpha || first == UInt8(ascii: "_") || first == UInt8(ascii: ".")
        else {
            problem(.invalidVariableName, LexerMessage.invalidVariableName, position, min(position + 1, end))
            return false
        }
        let nameStart = position
        if first == UInt8(ascii: ".") { position += 1 }
        while let c = byte(at: position), c.isAlpha || c.isDigit || c == UInt8(ascii: "_") { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        var value: String?
        if name.hasPrefix(".") {
            switch name {
            case ".FILE": value = context.file
            case ".LINE": value = String(context.line)
            case ".SECTION": value = context.section
            default:
                problem(.invalidVariableName, LexerMessage.unknownPseudoVariable(name), nameStart, position)
                return false
            }
        } else {
            value = variables.value(of: name)
        }
        var expandWords = false
        if let braceAt {
            if byte(at: position) == UInt8(ascii: "[") {
                guard byte(at: position + 1) == UInt8(ascii: "*"), byte(at: position + 2) == UInt8(ascii: "]") else {
                    problem(.invalidWordExpansion, LexerMessage.invalidWordExpansion, position, min(position + 3, end))
                    return false
                }
                expandWords = true
                position += 3
            }
            if byte(at: position) == UInt8(ascii: "-") {
                let defaultStart = position + 1
                while let c = byte(at: position), c != UInt8(ascii: "}") { position += 1 }
                guard position < end else {
                    problem(.unmatchedVariableBrace, LexerMessage.unmatchedVariableBrace, braceAt, braceAt + 1)
                    return false
                }
                if value == nil { value = String(decoding: bytes[defaultStart..<position], as: UTF8.self) }
            } else if byte(at: position) != UInt8(ascii: "}") {
                problem(.unmatchedVariableBrace, LexerMessage.unmatchedVariableBrace, braceAt, braceAt + 1)
                return false
            }
            position += 1
        }
        guard let value else {
            problem(.unsetVariable, LexerMessage.unsetVariable(name), dollarAt, position, severity: .warning)
            return true
        }
        if expandWords {
            var pendingSeparator = false
            for c in value.utf8 {
                if c.isBlank {
                    pendingSeparator = true
                } else {
                    if pendingSeparator {
                        finishWord(at: position)
                        begin()
                        wordQuoted = true
                        pendingSeparator = false
                    }
                    current.append(c)
                }
            }
        } else {
            current.append(contentsOf: value.utf8)
        }
        return true
    }
}
