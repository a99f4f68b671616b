import ConfigDiagnostics
import HAProxyConfig

/// A `stick-table` (or peers `table`) line HAProxy refuses.
struct StickTableInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "stick-table-invalid", severity: .error, domain: .haproxy,
        summary: "A `stick-table` line has an unknown word, type or stored data type, a bad size or expiry, or lacks `type` or `size`.",
        rationale: """
            HAProxy reads a stick table's settings word by word and refuses the configuration at the first one \
            it cannot use: `type` must be `ip`, `ipv6`, `integer`, `string` or `binary` (the last two with an \
            optional `len N`), `size` a number with an optional `k`, `m` or `g`, `expire` a time, and every \
            `store` entry a data type it knows (`conn_cur`, `http_req_rate(10s)`, `gpc(3)`…), with the period a \
            rate needs and no argument where a counter takes none. A table without `type` or `size` is refused \
            too. The same holds for the `table` lines of a `peers` section.
            """,
        fix: "Correct the word HAProxy refuses; `haproxy -c` names the same one.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    stick-table type ip size 100k expire ↓10x
                    http-request track-sc0 src
                    default_backend app
                backend app
                    stick-table type ↓ipv4 size 1m
                    server a 127.0.0.1:8080
                backend rates
                    stick-table type ip size 1m store ↓http_req_rate,conn_cur
                backend counters
                    stick-table type ip size 1m store ↓conn_cur,bogus
                backend per_user
                    ↓stick-table type string len 64 expire 30m

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    stick-table type ip size 100k expire 60s store http_req_rate(10s),conn_cur,gpc(2),gpc_rate(2,1m)
                    http-request track-sc0 src
                    default_backend app
                backend app
                    stick-table type string len 64 size 1m expire 30m nopurge store server_id
                    server a 127.0.0.1:8080

                """),
        ])

    static let types: Set<String> = ["ip", "ipv6", "integer", "string", "binary"]
    /// Data types that take no argument.
    static let plainData: Set<String> = [
        "server_id", "gpt0", "gpc0", "conn_cnt", "conn_cur", "sess_cnt", "http_req_cnt", "http_err_cnt", "bytes_in_cnt",
        "bytes_out_cnt", "gpc1", "server_key", "http_fail_cnt",
    ]
    /// Data types that need a period: `http_req_rate(10s)`.
    static let rateData: Set<String> = [
        "gpc0_rate", "conn_rate", "sess_rate", "http_req_rate", "http_err_rate", "bytes_in_rate", "bytes_out_rate",
        "gpc1_rate", "http_fail_rate",
    ]
    /// Arrays, with how many arguments they need: `gpc(N)`, `gpc_rate(N,period)`.
    static let arrayData: [String: Int] = ["gpt": 1, "gpc": 1, "gpc_rate": 2]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "stick-table") || context.vocabulary.uses(keyword: "table") else { return }
        for proxy in context.configuration.proxies {
            for line in proxy.directives where line.keyword == "stick-table" {
                check(line, from: 0, inPeers: false, &findings)
            }
        }
        for section in context.configuration.peers {
            for line in section.directives where line.keyword == "table" && !line.arguments.isEmpty {
                check(line, from: 1, inPeers: true, &findings)
            }
        }
    }

    private func check(_ line: Directive, from start: Int, inPeers: Bool, _ findings: inout Findings) {
        let words = line.arguments, ranges = line.argumentRanges
        var hasType = false, hasSize = false
        var index = start
        func value(after keyword: String) -> Int? {
            guard index + 1 < words.count else {
                findings.report("missing argument after '\(keyword)'", at: ranges[index])
                return nil
            }
            return index + 1
        }
        while index < words.count {
            let word = words[index]
            switch word {
            case "type":
                guard let at = value(after: word) else { return }
                guard Self.types.contains(words[at]) else { return findings.report("unknown type '\(words[at])'", at: ranges[at]) }
                hasType = true
                index = at
                if ["string", "binary"].contains(words[at]), at + 2 < words.count, words[at + 1] == "len" { index = at + 2 }
            case "size":
                guard let at = value(after: word) else { return }
                guard Self.isSize(words[at]) else { return findings.report("'\(words[at])' is not a size", at: ranges[at]) }
                hasSize = true
                index = at
            case "expire":
                guard let at = value(after: word) else { return }
                guard Self.isTime(words[at]) else { return findings.report("'\(words[at])' is not a time", at: ranges[at]) }
                index = at
            case "peers" where !inPeers, "srvkey":
                guard let at = value(after: word) else { return }
                index = at
            case "nopurge":
                break
            case "store":
                guard let at = value(after: word) else { return }
                if let problem = Self.storeProblem(words[at]) { return findings.report(problem, at: ranges[at]) }
                index = at
            default:
                return findings.report("unknown argument '\(word)'", at: ranges[index])
            }
            index += 1
        }
        if !hasSize { findings.report("the table has no 'size'", at: line.range) }
        if !hasType { findings.report("the table has no 'type'", at: line.range) }
    }

    /// What HAProxy says of the first entry of a `store` list it refuses.
    static func storeProblem(_ list: String) -> String? {
        for entry in list.split(separator: ",", omittingEmptySubsequences: false).joinedParentheses() {
            let name = String(entry.prefix { $0 != "(" })
            let argument: Substring? = entry.contains("(") ? entry.drop { $0 != "(" }.dropFirst() : nil
            if let argument, !argument.hasSuffix(")") { return "missing closing parenthesis after store option '\(name)'" }
            let count = argument.map { $0.dropLast().split(separator: ",", omittingEmptySubsequences: false).count } ?? 0
            if plainData.contains(name) {
                if count > 0 { return "unexpected argument to store option '\(name)'" }
            } else if rateData.contains(name) {
                if count == 0 { return "missing argument to store option '\(name)'" }
            } else if let needed = arrayData[name] {
                if count < needed { return "missing argument to store option '\(name)'" }
            } else {
                return "unknown store option '\(name)'"
            }
        }
        return nil
    }

    static func isSize(_ text: String) -> Bool {
        let digits = "kKmMgG".contains(text.last ?? " ") ? text.dropLast() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isTime(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && ["", "us", "ms", "s", "m", "h", "d"].contains(String(text.dropFirst(digits.count)))
    }
}

private extension Array where Element == Substring {
    /// Rejoins entries split inside parentheses: `gpc_rate(2`, `1m)` → `gpc_rate(2,1m)`.
    func joinedParentheses() -> [String] {
        var result: [String] = []
        var open = false
        for part in self {
            if open, let last = result.popLast() { result.append(last + "," + part) } else { result.append(String(part)) }
            open = (result.last?.filter { $0 == "(" }.count ?? 0) > (result.last?.filter { $0 == ")" }.count ?? 0)
        }
        return result
    }
}
