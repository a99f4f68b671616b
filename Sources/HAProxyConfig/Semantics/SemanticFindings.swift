import ConfigDiagnostics

/// What HAProxy refuses in values it reads (log formats, compression
/// algorithms, curve lists, `retry-on` words, undefined ACLs), worked out once
/// with one rule id and one message each: the checker's rules report these findings, and the planner
/// reports the same ones where it compiles the same lines.
public enum SemanticFindings {
    public static let logFormatInvalid = RuleID("log-format-invalid")
    public static let compressionAlgoUnknown = RuleID("compression-algo-unknown")
    public static let curvesUnknown = RuleID("ssl-curves-unknown")
    public static let aclUndefined = RuleID("acl-undefined")
    public static let retryOnInvalid = RuleID("retry-on-invalid")

    /// The message for a condition that names an ACL its proxy does not declare.
    public static func aclUndefinedMessage(_ name: String) -> String { "no ACL named '\(name)' in this proxy" }

    /// The keywords whose argument is a log format, with the name HAProxy gives them in its message.
    public static let logFormatKeywords: [String: String] = [
        "log-format": "log-format", "log-format-sd": "log-format-sd", "error-log-format": "error-log-format",
        "unique-id-format": "unique-id",
    ]

    /// The error for a log format HAProxy refuses (at its line), nil for any other line.
    public static func logFormat(_ directive: Directive) -> Diagnostic? {
        guard directive.modifier == nil, let name = logFormatKeywords[directive.keyword], let text = directive.arguments.first,
              case .failure(let failure) = LogFormatString.parse(text)
        else { return nil }
        return logFormat(failure, keyword: name, at: directive.range)
    }

    /// The log-format lines HAProxy parses for a proxy, as 2.6 copies them from its defaults
    /// (`proxy_defproxy_cpy`): for a frontend or listen, the line in force of each log-format keyword (its own
    /// last, else its nearest defaults'), the traffic format only when no `option httplog|httpslog|tcplog`
    /// replaced it; for a backend, which ignores log formats, only `unique-id-format`.
    public static func logFormatLines(of proxy: EffectiveProxy) -> [Directive] {
        let traffic: Set<String> = ["log-format", "option httplog", "option httpslog", "option tcplog"]
        var lines: [Directive] = []
        for keyword in ["log-format", "log-format-sd", "error-log-format", "unique-id-format"]
        where proxy.proxy.kind.hasFrontend || keyword == "unique-id-format" {
            let settings: Set<String> = keyword == "log-format" ? traffic : [keyword]
            for layer in [proxy.proxy] + proxy.chain {
                guard let line = layer.directives.last(where: { settings.contains($0.keyword) && $0.modifier == nil }) else {
                    continue
                }
                if line.keyword == keyword { lines.append(line) }
                break
            }
        }
        return lines
    }

    /// The error for a log format string, named as HAProxy names its keyword.
    public static func logFormat(_ failure: LogFormatString.Failure, keyword: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(.error, logFormatInvalid, "failed to parse \(keyword) : \(failure.message)", at: range)
    }

    /// One error per word of a `compression algo` line that names no algorithm HAProxy has.
    public static func compressionAlgorithms(_ directive: Directive) -> [Diagnostic] {
        guard directive.keyword == "compression algo" else { return [] }
        return directive.arguments.enumerated().compactMap { position, word in
            guard CompressionAlgorithmName(rawValue: word) == nil else { return nil }
            let range = position < directive.argumentRanges.count ? directive.argumentRanges[position] : directive.range
            let known = CompressionAlgorithmName.allCases.map(\.rawValue).joined(separator: ", ")
            return Diagnostic(.error, compressionAlgoUnknown, "'compression' : '\(word)' is not a supported algorithm (\(known))",
                              at: range)
        }
    }

    /// The error for a bind's `curves` or `ecdhe` option that names a curve OpenSSL does not have.
    public static func curves(_ option: NamedOption) -> Diagnostic? {
        guard option.name == "curves" || option.name == "ecdhe" else { return nil }
        let unknown = TLSCurveNames.unknown(in: option)
        guard !unknown.isEmpty else { return nil }
        let what = option.name == "ecdhe" ? "elliptic named curve" : "SSL curves list"
        let names = unknown.map { $0.isEmpty ? "an empty name" : "'\($0)'" }.joined(separator: ", ")
        return Diagnostic(.error, curvesUnknown, "unable to set \(what) to '\(option.value ?? "")': OpenSSL has no curve \(names)",
                          at: option.range)
    }
}
