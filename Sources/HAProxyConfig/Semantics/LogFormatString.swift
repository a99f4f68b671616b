/// A string in HAProxy's log-format language (doc/configuration.txt 8.2.4),
/// read once the way HAProxy 2.6 reads it (`parse_logformat_string` in
/// src/log.c): `%name` and `%{flags}name` variables, `%{flags}o` for the
/// flags of every later variable, `%[sample]` expressions, `%%`, and text.
/// The checker reports the strings HAProxy refuses; the planner compiles the
/// tokens of those it accepts.
public struct LogFormatString: Sendable, Hashable {
    /// One piece of a format, in order.
    public enum Token: Sendable, Hashable {
        case literal(String)
        /// A space of a log line (`mergeSpaces`); a run of them prints as one.
        case separator
        /// `%name` or `%{flags}name`; `flags` is the text between the braces.
        case variable(name: String, flags: String?)
        /// `%[expression]` or `%{flags}[expression]`.
        case sample(expression: String, flags: String?)
        /// `%{flags}o`: flags every later variable starts with.
        case defaultFlags(String)
    }

    /// Why HAProxy refuses a string; the message is HAProxy's.
    public struct Failure: Error, Sendable, Hashable {
        public var message: String

        public init(message: String) { self.message = message }
    }

    /// The variables HAProxy 2.6 defines (src/log.c `logformat_keywords`, without `o`).
    public static let variables: Set<String> = [
        "B", "CC", "CS", "H", "ID", "ST", "T", "Ta", "Tc", "Th", "Ti", "Tl", "Tq", "Tr", "TR", "Td", "Ts", "Tt", "Tu", "Tw",
        "U", "ac", "b", "bc", "bi", "bp", "bq", "ci", "cp", "f", "fc", "fi", "fp", "ft", "hr", "hrl", "hs", "hsl", "HM", "HP",
        "HPO", "HQ", "HU", "HV", "lc", "ms", "pid", "r", "rc", "rt", "s", "sc", "si", "sp", "sq", "sslc", "sslv", "t", "tr",
        "trg", "trl", "ts", "tsc",
    ]

    public var tokens: [Token]

    /// Reads `text`; `mergeSpaces` is true for log lines, false for header values and bodies.
    public static func parse(_ text: String, mergeSpaces: Bool = true) -> Result<LogFormatString, Failure> {
        var reader = Reader(bytes: Array(text.utf8), text: text, mergeSpaces: mergeSpaces)
        return reader.read().map { LogFormatString(tokens: $0) }
    }

    /// The scanner; HAProxy works on bytes, so does this.
    private struct Reader {
        let bytes: [UInt8]
        let text: String
        let mergeSpaces: Bool
        var index = 0
        var tokens: [Token] = []
        var literal: [UInt8] = []

        mutating func read() -> Result<[Token], Failure> {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: " "), mergeSpaces {
                    flushLiteral()
                    if tokens.last != .separator { tokens.append(.separator) }
                    index += 1
                } else if byte == UInt8(ascii: "%") {
                    index += 1
                    if let failure = readPercent() { return .failure(failure) }
                } else {
                    literal.append(byte)
                    index += 1
                }
            }
            flushLiteral()
            return .success(tokens)
        }

        /// What follows a `%`; nil when it reads, the failure otherwise.
        private mutating func readPercent() -> Failure? {
            guard index < bytes.count else { return Failure(message: "truncated line after '%'") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "%"):
                literal.append(byte)
                index += 1
                return nil
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                return Failure(message: "unexpected variable name near '\(Character(Unicode.Scalar(byte)))' at position \(index) "
                               + "line : '\(text)'. Maybe you want to write a single '%', use the syntax '%%'")
            case UInt8(ascii: "{"):
                return readFlagged()
            case UInt8(ascii: "["):
                index += 1
                return readSample(flags: nil)
            default:
                // A letter starts a name; anything else is text, and HAProxy drops the `%` before it.
                return Self.isLetter(byte) ? readVariable(flags: nil) : nil
            }
        }

        /// `%{flags}` and the name or expression after it.
        private mutating func readFlagged() -> Failure? {
            let start = index + 1
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else {
                return Failure(message: "truncated line after '\(string(start..<bytes.count))'")
            }
            let flags = string(start..<close)
            index = close + 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                index += 1
                return readSample(flags: flags)
            }
            guard index < bytes.count, Self.isLetter(bytes[index]) || Self.isDigit(bytes[index]) else {
                return Failure(message: "parse argument modifier without variable name near '%{\(flags)}'")
            }
            return readVariable(flags: flags)
        }

        private mutating func readVariable(flags: String?) -> Failure? {
            let start = index
            while index < bytes.count, Self.isLetter(bytes[index]) || Self.isDigit(bytes[index]) { index += 1 }
            let name = string(start..<index)
            if name == "o" {
                if let flags { tokens.append(.defaultFlags(flags)) }
                return nil
            }
            guard LogFormatString.variables.contains(name) else {
                return Failure(message: "no such format variable '\(name)'. If you wanted to emit the '%' character verbatim, "
                               + "you need to use '%%'")
            }
            flushLiteral()
            tokens.append(.variable(name: name, flags: flags))
            return nil
        }

        /// `%[…]` after its `[`: up to the `]` outside parentheses.
        private mutating func readSample(flags: String?) -> Failure? {
            let start = index
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth = max(0, depth - 1)
                case UInt8(ascii: "]") where depth == 0:
                    flushLiteral()
                    tokens.append(.sample(expression: string(start..<index), flags: flags))
                    index += 1
                    return nil
                default: break
                }
                index += 1
            }
            return Failure(message: "missing ']' after '\(string(start..<bytes.count))'")
        }

        private mutating func flushLiteral() {
            if !literal.isEmpty { tokens.append(.literal(String(decoding: literal, as: UTF8.self))) }
            literal = []
        }

        private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        private static func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    }
}
