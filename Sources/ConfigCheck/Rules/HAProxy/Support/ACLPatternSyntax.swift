import HAProxyConfig

/// HAProxy's reading of ACL patterns for the integer and address match
/// methods, as `pat_parse_int` and `pat_parse_ip` read them.
enum ACLPatternSyntax {
    /// The match method an ACL uses without `-m`: the ACL keyword's, else the
    /// one HAProxy picks for the type its fetch (or last converter) returns.
    static func defaultMethod(of acl: ACLExpression, keywords: SampleKeywords = .standard) -> String? {
        // The SSL version fetches read integer patterns as dotted versions (`3.1`).
        if acl.fetch == "req_ssl_ver" || acl.fetch == "req.ssl_ver" { return nil }
        if let method = keywords.aclMatches[acl.fetch] { return method }
        let output = acl.converters.last.map { keywords.converterOutputs[$0] } ?? keywords.fetchOutputs[acl.fetch]
        switch output {
        case "sint": return "int"
        case "ipv4", "ipv6": return "ip"
        case "bool": return "bool"
        case "str": return "str"
        case "bin": return "bin"
        default: return nil
        }
    }

    /// Words that turn the next integer pattern into a comparison (`gt 2`).
    static let operators: Set<String> = ["eq", "ge", "gt", "le", "lt"]

    /// Why an integer pattern (`80`, `80:90`, `:90`, `1024-`) is refused, or nil.
    static func integerProblem(_ text: String) -> String? {
        guard !text.isEmpty else { return "'' is not a valid number range" }
        guard let separator = text.firstIndex(where: { $0 == ":" || $0 == "-" }) else {
            return isNumber(Substring(text)) ? nil : "'\(text)' is not a number"
        }
        let low = text[..<separator], high = text[text.index(after: separator)...]
        let valid: Bool
        if low.isEmpty || high.isEmpty {
            valid = !(low.isEmpty && high.isEmpty) && isNumber(low.isEmpty ? high : low)
        } else if isNumber(low), isNumber(high), let from = Int(low), let to = Int(high) {
            valid = from <= to
        } else {
            valid = false
        }
        return valid ? nil : "'\(text)' is not a valid number range"
    }

    private static func isNumber(_ text: Substring) -> Bool {
        let digits = text.first == "-" ? text.dropFirst() : text
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } && Int(text) != nil
    }

    /// Why an address pattern is refused, or nil. Only patterns written with
    /// digits, dots, colons and a mask are judged (`NetworkText`, the reading
    /// the engine uses too): HAProxy resolves any other word as a host name
    /// when it starts.
    static func addressProblem(_ text: String) -> String? {
        NetworkText.read(text) == .invalid ? "'\(text)' is not a valid IPv4 or IPv6 address" : nil
    }
}
