import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan

/// Compiles one ACL test, as the semantic layer reads it (`ACLTestSpec`: `path_beg -i /api/`,
/// `hdr(host) -m dom a.example`, `src -f /etc/haproxy/allow.lst`), into the engine's `ACLTest`.
struct ACLParser {
    /// Why a test cannot be compiled.
    enum Failure: Error, Equatable {
        /// The fetch exists in HAProxy but the engine does not evaluate it (stick counters, converters…).
        case unsupportedFetch(String)
        /// The test is wrong: a bad flag, pattern or unreadable file; with the word at fault when known (the
        /// message is then the checker's own, `ACLTestSpec.patternProblems`).
        case invalid(String, at: SourceRange? = nil)
    }

    let readPatternFile: Planner.PatternFileReader
    /// The section's name: the table of `src_*` fetches that name none.
    var proxyName: String?

    func parse(_ spec: ACLTestSpec) -> Result<ACLTest, Failure> {
        guard let (found, defaultMethod) = SampleExpressionParser.parse(spec.criterion.text, readFile: readPatternFile) else {
            return .failure(.unsupportedFetch(spec.criterion.text))
        }
        var fetch = found
        if fetch.counter?.origin == .source, fetch.counter?.table == nil { fetch.counter?.table = proxyName }
        if let flag = spec.unknownFlag {
            return .failure(.invalid("'\(flag)' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'",
                                     at: spec.criterion.range))
        }
        if spec.loadsAsMap { return .failure(.unsupportedFetch("-M (map files)")) }
        var files: [String] = []
        var filePatterns: [String] = []
        for file in spec.patternFiles {
            guard let content = readPatternFile(file.text) else {
                return .failure(.invalid("cannot read pattern file '\(file.text)'"))
            }
            files.append(file.text)
            filePatterns += ACLTestSpec.patterns(inFile: content).map(\.text)
        }
        if let problem = spec.patternProblems(readFile: readPatternFile).first {
            return .failure(.invalid(problem.message, at: problem.range))
        }
        var method = defaultMethod
        if let name = spec.matchMethodName {
            guard let chosen = MatchMethod(rawValue: name) else { return .failure(.unsupportedFetch("-m \(name)")) }
            method = chosen
        }
        let patterns = filePatterns + Self.joinOperators(spec.values.map(\.text), method: method)
        let test = ACLTest(fetch: fetch, method: method, ignoreCase: spec.ignoresCase, patterns: patterns, patternFiles: files,
                           text: spec.text)
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
        "capture.req.hdr": (.capturedRequestHeader, .str), "capture.res.hdr": (.capturedResponseHeader, .str),
        "res.cook": (.responseCookie, .str), "scook": (.responseCookie, .str),
        "srv_name": (.serverName, .str), "srv_id": (.serverID, .int),
        "fe_conn": (.frontendConnections, .int), "be_conn": (.backendConnections, .int), "srv_conn": (.serverConnections, .int),
        "be_server_timeout": (.backendServerTimeout, .int), "be_tunnel_timeout": (.backendTunnelTimeout, .int),
        "cur_server_timeout": (.currentServerTimeout, .int), "cur_tunnel_timeout": (.currentTunnelTimeout, .int),
        "so_name": (.socketName, .str),
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
