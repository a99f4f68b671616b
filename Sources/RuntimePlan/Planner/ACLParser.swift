import Foundation

/// Reads one ACL test as written (`path_beg -i /api/`, `hdr(host) -m dom a.example`,
/// `src -f /etc/haproxy/allow.lst`) into an `ACLTest`.
struct ACLParser {
    /// Why a test cannot be compiled.
    enum Failure: Error, Equatable {
        /// The fetch exists in HAProxy but the engine does not evaluate it (stick counters, converters…).
        case unsupportedFetch(String)
        /// The test is wrong: a bad flag, pattern or unreadable file.
        case invalid(String)
    }

    let readPatternFile: Planner.PatternFileReader
    /// The section's name: the table of `src_*` fetches that name none.
    var proxyName: String?

    func parse(criterion: String, arguments: [String]) -> Result<ACLTest, Failure> {
        let text = ([criterion] + arguments).joined(separator: " ")
        guard let (found, defaultMethod) = SampleExpressionParser.parse(criterion, readFile: readPatternFile) else {
            return .failure(.unsupportedFetch(criterion))
        }
        var fetch = found
        if fetch.counter?.origin == .source, fetch.counter?.table == nil { fetch.counter?.table = proxyName }
        var method = defaultMethod
        var ignoreCase = false
        var patterns: [String] = []
        var files: [String] = []
        var index = 0
        flags: while index < arguments.count {
            switch arguments[index] {
            case "-i": ignoreCase = true
            case "-n", "-u": break
            case "--": index += 1; break flags
            case "-m", "-f", "-M":
                guard index + 1 < arguments.count else { return .failure(.invalid("'\(arguments[index])' needs a value")) }
                let value = arguments[index + 1]
                if arguments[index] == "-m" {
                    guard let chosen = MatchMethod(rawValue: value) else {
                        return .failure(.invalid("unknown match method '-m \(value)'"))
                    }
                    method = chosen
                } else if arguments[index] == "-f" {
                    guard let content = readPatternFile(value) else {
                        return .failure(.invalid("cannot read pattern file '\(value)'"))
                    }
                    files.append(value)
                    patterns += Self.patterns(inFile: content)
                } else {
                    return .failure(.unsupportedFetch("-M (map files)"))
                }
                index += 1
            default:
                break flags
            }
            index += 1
        }
        patterns += Self.joinOperators(Array(arguments[min(index, arguments.count)...]), method: method)
        let test = ACLTest(fetch: fetch, method: method, ignoreCase: ignoreCase, patterns: patterns, patternFiles: files, text: text)
        if let problem = Self.validate(test) { return .failure(.invalid(problem)) }
        return .success(test)
    }

    /// For integer matches, `ge 2` is one pattern: the operator word joins the value after it.
    static func joinOperators(_ words: [String], method: MatchMethod) -> [String] {
        guard method == .int || method == .len else { return words }
        var result: [String] = []
        var pendingOperator: String?
        for word in words {
            if ["eq", "ge", "gt", "le", "lt"].contains(word) {
                pendingOperator = word
            } else {
                result.append(pendingOperator.map { "\($0) \(word)" } ?? word)
                pendingOperator = nil
            }
        }
        return result + (pendingOperator.map { [$0] } ?? [])
    }

    /// A pattern file: one pattern a line, blank lines and `#` comments skipped, spaces trimmed.
    static func patterns(inFile content: String) -> [String] {
        content.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func validate(_ test: ACLTest) -> String? {
        for pattern in test.patterns {
            switch test.method {
            case .int, .len:
                if IntegerPattern(pattern) == nil { return "'\(pattern)' is not an integer or range" }
            case .ip:
                if NetworkPattern(pattern) == nil { return "'\(pattern)' is not an IP address or network" }
            case .reg:
                if (try? NSRegularExpression(pattern: pattern)) == nil { return "'\(pattern)' is not a valid regular expression" }
            default: break
            }
        }
        return nil
    }

    /// The fetch and default match method of a criterion, with the shorthand
    /// suffixes (`path_beg`, `hdr_dom(host)`, `url_reg`…) expanded.
    static func fetch(for criterion: String) -> (Fetch, MatchMethod)? {
        var name = criterion
        var arguments: [String] = []
        if let open = criterion.firstIndex(of: "(") {
            guard criterion.hasSuffix(")") else { return nil }
            name = String(criterion[..<open])
            let inner = criterion[criterion.index(after: open)..<criterion.index(before: criterion.endIndex)]
            arguments = inner.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        if let base = plainFetches[name] { return (Fetch(base.0, arguments: arguments), base.1) }
        if let counter = StickCounterParser.fetch(name: name, arguments: arguments) { return counter }
        guard let underscore = name.lastIndex(of: "_") else { return nil }
        let stem = String(name[..<underscore])
        let suffix = String(name[name.index(after: underscore)...])
        guard let fetchName = shorthandStems[stem], let method = shorthandSuffixes[suffix] else { return nil }
        return (Fetch(fetchName, arguments: arguments), method)
    }

    private static let plainFetches: [String: (Fetch.Name, MatchMethod)] = [
        "src": (.src, .ip), "dst": (.dst, .ip), "src_port": (.srcPort, .int), "dst_port": (.dstPort, .int),
        "path": (.path, .str), "url": (.url, .str), "query": (.query, .str), "method": (.method, .str),
        "hdr": (.header, .str), "req.hdr": (.header, .str), "req.fhdr": (.fullHeader, .str),
        "hdr_cnt": (.headerCount, .int), "req.hdr_cnt": (.headerCount, .int), "req.ver": (.version, .str),
        "ssl_fc": (.sslFrontend, .bool), "always_true": (.alwaysTrue, .bool), "always_false": (.alwaysFalse, .bool),
        "var": (.variable, .str), "res.hdr": (.responseHeader, .str), "shdr": (.responseHeader, .str),
        "res.fhdr": (.responseFullHeader, .str), "res.hdr_cnt": (.responseHeaderCount, .int), "shdr_cnt": (.responseHeaderCount, .int),
        "status": (.status, .int), "str": (.string, .str), "int": (.integer, .int), "bool": (.boolean, .bool), "bin": (.binary, .str), "uuid": (.uuid, .str),
        "fe_name": (.frontendName, .str), "be_name": (.backendName, .str), "url_param": (.urlParameter, .str),
        "urlp": (.urlParameter, .str), "req.hdr_ip": (.headerIP, .ip), "hdr_ip": (.headerIP, .ip), "base": (.base, .str),
        "date": (.date, .int), "pathq": (.pathQuery, .str), "http_first_req": (.firstRequest, .bool),
        "req.cook": (.cookie, .str), "cook": (.cookie, .str), "cookie": (.cookie, .str), "req.cook_cnt": (.cookieCount, .int), "cook_cnt": (.cookieCount, .int),
        "req.cook_val": (.cookieValue, .int), "cook_val": (.cookieValue, .int), "capture.req.uri": (.capturedURI, .str),
        "capture.req.method": (.capturedMethod, .str), "capture.req.ver": (.capturedVersion, .str),
        "srv_name": (.serverName, .str), "srv_id": (.serverID, .int),
        // The connection's own addresses: the same as src and dst while no PROXY protocol header is read.
        "fc_src": (.src, .ip), "fc_dst": (.dst, .ip), "fc_src_port": (.srcPort, .int), "fc_dst_port": (.dstPort, .int),
        "ssl_fc_sni": (.sslServerName, .str), "ssl_fc_protocol": (.sslProtocol, .str), "ssl_fc_cipher": (.sslCipher, .str),
        "ssl_fc_alpn": (.sslALPN, .str), "ssl_fc_has_sni": (.sslHasServerName, .bool), "ssl_c_used": (.sslClientCertificateUsed, .bool),
        "ssl_c_verify": (.sslClientVerify, .int), "ssl_c_s_dn": (.sslClientSubject, .str), "ssl_c_i_dn": (.sslClientIssuer, .str),
        "ssl_c_serial": (.sslClientSerial, .str), "ssl_c_notafter": (.sslClientNotAfter, .str),
    ]

    private static let shorthandStems: [String: Fetch.Name] = [
        "path": .path, "url": .url, "hdr": .header, "base": .base, "urlp": .urlParameter, "shdr": .responseHeader,
        "res.hdr": .responseHeader, "req.hdr": .header, "cook": .cookie, "req.cook": .cookie, "ssl_fc_sni": .sslServerName,
    ]

    private static let shorthandSuffixes: [String: MatchMethod] = [
        "beg": .beg, "end": .end, "sub": .sub, "reg": .reg, "dom": .dom, "dir": .dir, "len": .len, "ip": .ip, "val": .int,
    ]
}
