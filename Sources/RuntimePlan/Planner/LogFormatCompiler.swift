import HAProxyConfig
import RuntimePlan

/// Compiles a string of HAProxy's log-format language, read by the semantic
/// layer (`LogFormatString`), into a `LogFormat`: variables with their
/// `%{+Q,-X}` flags, `%[fetch,converter…]` where the engine evaluates the sample, text,
/// and the separators of a log line.
struct LogFormatCompiler {
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

    /// The format; a failure carries HAProxy's message (the semantic layer's for a string HAProxy cannot read).
    func compile(_ text: String) -> Result<Output, LogFormatString.Failure> {
        let tokens: [LogFormatString.Token]
        switch LogFormatString.parse(text, mergeSpaces: mergeSpaces) {
        case .success(let parsed): tokens = parsed.tokens
        case .failure(let failure): return .failure(failure)
        }
        var parts: [LogFormat.Part] = []
        var unavailable: [String] = []
        var defaults = LogVariable.Flags()
        for token in tokens {
            switch token {
            case .literal(let text): parts.append(.literal(text))
            case .separator: parts.append(.separator)
            case .defaultFlags(let text): Self.apply(text, to: &defaults)
            case .variable(let name, let flagsText):
                var flags = defaults
                if let flagsText { Self.apply(flagsText, to: &flags) }
                // The semantic layer knows HAProxy's names; `LogFormatVocabularyTests` keeps the two lists equal.
                guard let code = LogVariable.Code(rawValue: name) else {
                    parts.append(.unavailable(name))
                    unavailable.append(name)
                    continue
                }
                parts.append(.variable(LogVariable(code, flags: flags)))
            case .sample(let expression, let flagsText):
                if let (fetch, _) = SampleExpressionParser.parse(expression) {
                    if atLogTime, Self.requestFetches.contains(fetch.name) {
                        return .failure(LogFormatString.Failure(message: "sample fetch <\(expression)> may not be reliably used here "
                                                                + "because it needs 'HTTP request headers' which is not available here."))
                    }
                    // Flags of the expression apply over those of `%{…}o`, as for a variable (src/log.c).
                    var flags = defaults
                    if let flagsText { Self.apply(flagsText, to: &flags) }
                    parts.append(flags == LogVariable.Flags() ? .fetch(fetch) : .flaggedFetch(fetch, flags))
                } else {
                    parts.append(.unavailable(expression))
                    unavailable.append(expression)
                }
            }
        }
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
}
