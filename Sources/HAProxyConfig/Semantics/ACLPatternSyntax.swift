import ConfigValues

/// HAProxy's reading of ACL patterns for the integer and address match
/// methods, as `pat_parse_int` and `pat_parse_ip` read them, and of regular
/// expressions (`RegexSyntax`), with HAProxy's messages: the checker's
/// `acl-invalid` and the planner report these.
public enum ACLPatternSyntax {
    /// The match method an ACL uses without `-m`: the ACL keyword's, else the
    /// one HAProxy picks for the type its fetch (or last converter) returns.
    public static func defaultMethod(of acl: ACLTestSpec, keywords: SampleKeywords = .standard) -> String? {
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
    public static let operators: Set<String> = ["eq", "ge", "gt", "le", "lt"]

    /// Why an integer pattern (`80`, `80:90`, `:90`, `1024-`) is refused, or nil.
    public static func integerProblem(_ text: String) -> String? {
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
    public static func addressProblem(_ text: String) -> String? {
        NetworkText.read(text) == .invalid ? "'\(text)' is not a valid IPv4 or IPv6 address" : nil
    }

    /// Why HAProxy refuses a pattern under a match method, or nil.
    public static func problem(_ text: String, method: ACLMatchMethod) -> String? {
        switch method {
        case .int, .len: operators.contains(text) ? nil : integerProblem(text)
        case .ip: addressProblem(text)
        case .reg: RegexSyntax.problem(in: text).map { RegexSyntax.message(text, $0) }
        default: nil
        }
    }

    /// HAProxy's message for a `-m` that names no match method.
    public static func unknownMethodMessage(_ name: String) -> String {
        "unknown matching method '\(name)' when parsing ACL expression"
    }
}
