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
    /// digits, dots, colons and a mask are judged: HAProxy resolves any other
    /// word as a host name when it starts.
    static func addressProblem(_ text: String) -> String? {
        let address = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let host = address[0], mask = address.count > 1 ? address[1] : nil
        let refused = "'\(text)' is not a valid IPv4 or IPv6 address"
        if host.contains(":") {
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), isIPv6(host) else { return refused }
            if let mask, !(Int(mask).map { (0...128).contains($0) } ?? false) { return refused }
            return nil
        }
        guard host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        guard inetAton(host) else { return refused }
        if let mask {
            if mask.contains(".") { return inetAton(mask) ? nil : refused }
            return (Int(mask).map { (0...32).contains($0) } ?? false) ? nil : refused
        }
        return nil
    }

    /// `inet_aton` on a word of digits and dots: one to four parts, each
    /// decimal or octal (leading 0), the last filling the remaining bytes.
    private static func inetAton(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return false }
        var values: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.count < 20 else { return false }
            let octal = part.count > 1 && part.first == "0"
            guard let value = UInt64(octal ? part.dropFirst() : part, radix: octal ? 8 : 10) else { return false }
            values.append(value)
        }
        let lastLimit: UInt64 = [0xFFFF_FFFF, 0xFF_FFFF, 0xFFFF, 0xFF][parts.count - 1]
        return values.dropLast().allSatisfy { $0 <= 0xFF } && values.last! <= lastLimit
    }

    /// `inet_pton(AF_INET6)`: eight groups of up to four hex digits, one `::`, an IPv4 tail allowed.
    private static func isIPv6(_ text: Substring) -> Bool {
        var groups = 0
        var compressed = false
        var rest = Substring(text)
        if rest.hasPrefix("::") { compressed = true; rest = rest.dropFirst(2) } else if rest.hasPrefix(":") { return false }
        if rest.hasSuffix("::") && !rest.isEmpty {
            guard !compressed else { return false }
            compressed = true
            rest = rest.dropLast(2)
        } else if rest.hasSuffix(":") { return false }
        let pieces = rest.isEmpty ? [] : rest.components(separatedBy: "::")
        guard pieces.count <= 2, !(pieces.count == 2 && compressed) else { return false }
        if pieces.count == 2 { compressed = true }
        let words = pieces.flatMap { $0.split(separator: ":", omittingEmptySubsequences: false) }
        for (index, word) in words.enumerated() {
            if word.contains(".") {
                guard index == words.count - 1, inetAton(word), word.split(separator: ".").count == 4 else { return false }
                groups += 2
            } else {
                guard (1...4).contains(word.count), word.allSatisfy(\.isHexDigit) else { return false }
                groups += 1
            }
        }
        return compressed ? groups < 8 : groups == 8
    }
}
