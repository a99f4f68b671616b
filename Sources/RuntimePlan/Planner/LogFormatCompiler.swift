/// Reads HAProxy's log-format language (doc/configuration.txt 8.2.4) into a
/// `LogFormat`: `%ci`-style variables with `%{+Q,-X}` flags, `%{+Q}o` for
/// the flags of every later variable, `%[fetch,converter…]`, `%%`, and spaces that
/// merge into one separator, as `parse_logformat_string` reads a log line.
struct LogFormatCompiler {
    /// Why a string is refused; the message is HAProxy's.
    struct Failure: Error, Equatable {
        var message: String
    }

    /// What compiling produced: the format and the `%[…]` expressions the engine cannot evaluate (printed `-`).
    struct Output {
        var format: LogFormat
        var unavailable: [String]
    }

    /// Built-in formats (src/log.c).
    static let httplog = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r"
    static let httpslog = httplog
        + " %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc"
    static let clf = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl"
    static let tcplog = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq"

    /// `mergeSpaces` is true for log lines (`log-format`), false for header values.
    var mergeSpaces = true
    /// A log line is built after the transaction: fetches of the request's headers are refused there, as HAProxy does.
    var atLogTime = true

    /// Fetches that need the request's headers.
    static let requestFetches: Set<Fetch.Name> = [.path, .url, .query, .method, .header, .headerCount, .fullHeader, .version]

    func compile(_ text: String) -> Result<Output, Failure> {
        var parts: [LogFormat.Part] = []
        var unavailable: [String] = []
        var literal = ""
        var defaults = LogVariable.Flags()
        let characters = Array(text)
        var index = 0

        func flushLiteral() {
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
        }

        while index < characters.count {
            let character = characters[index]
            if character == " ", mergeSpaces {
                flushLiteral()
                if parts.last != .separator { parts.append(.separator) }
                index += 1
                continue
            }
            guard character == "%" else {
                literal.append(character)
                index += 1
                continue
            }
            index += 1
            guard index < characters.count else {
                literal.append("%")
                break
            }
            var flagsText: String?
            if characters[index] == "%" {
                literal.append("%")
                index += 1
                continue
            }
            if characters[index].isNumber || characters[index] == " " || characters[index] == "\t" {
                return .failure(Failure(message: "unexpected variable name near '\(characters[index])' at position \(index) line : '\(text)'. "
                                        + "Maybe you want to write a single '%', use the syntax '%%'"))
            }
            if characters[index] == "{" {
                guard let close = characters[index...].firstIndex(of: "}") else {
                    literal.append(contentsOf: String(characters[(index - 1)...]))
                    break
                }
                flagsText = String(characters[(index + 1)..<close])
                index = close + 1
                guard index < characters.count, characters[index] == "[" || characters[index].isLetter || characters[index].isNumber else {
                    return .failure(Failure(message: "parse argument modifier without variable name near '%{\(flagsText ?? "")}'"))
                }
            }
            var flags = defaults
            if let flagsText { Self.apply(flagsText, to: &flags) }
            if characters[index] == "[" {
                guard let close = Self.closingBracket(characters, from: index + 1) else {
                    return .failure(Failure(message: "missing ']' after '\(String(characters[(index + 1)...]))'"))
                }
                let expression = String(characters[(index + 1)..<close])
                flushLiteral()
                if let (fetch, _) = SampleExpressionParser.parse(expression) {
                    if atLogTime, Self.requestFetches.contains(fetch.name) {
                        return .failure(Failure(message: "sample fetch <\(expression)> may not be reliably used here because it needs "
                                                + "'HTTP request headers' which is not available here."))
                    }
                    parts.append(.fetch(fetch))
                } else {
                    parts.append(.unavailable(expression))
                    unavailable.append(expression)
                }
                index = close + 1
                continue
            }
            guard characters[index].isLetter else {
                literal.append("%")
                continue
            }
            var end = index
            while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
            let name = String(characters[index..<end])
            index = end
            if name == "o" {
                defaults = flags
                continue
            }
            guard let code = LogVariable.Code(rawValue: name) else {
                return .failure(Failure(message: "no such format variable '\(name)'. If you wanted to emit the '%' character verbatim, "
                                        + "you need to use '%%'"))
            }
            flushLiteral()
            parts.append(.variable(LogVariable(code, flags: flags)))
        }
        flushLiteral()
        return .success(Output(format: LogFormat(parts: parts), unavailable: unavailable))
    }

    /// `+Q,-X,+E`: sets or clears each named flag; unknown names are ignored, as HAProxy does.
    static func apply(_ text: String, to flags: inout LogVariable.Flags) {
        for item in text.split(separator: ",") {
            guard let sign = item.first, sign == "+" || sign == "-" else { continue }
            let on = sign == "+"
            switch item.dropFirst() {
            case "Q": flags.quote = on
            case "X": flags.hex = on
            case "E": flags.escape = on
            case "M": flags.mandatory = on
            default: break
            }
        }
    }

    /// The `]` that ends a sample expression, skipping those inside parentheses.
    private static func closingBracket(_ characters: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "]" where depth == 0: return index
            default: break
            }
            index += 1
        }
        return nil
    }
}
