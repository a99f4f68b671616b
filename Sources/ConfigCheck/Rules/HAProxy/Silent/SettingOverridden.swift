import ConfigDiagnostics
import HAProxyConfig

/// A setting given twice in one section, where the later line silently wins.
struct SettingOverridden: HAProxyRule {
    static let description = RuleDescription(
        id: "setting-overridden", severity: .warning, domain: .haproxy,
        summary: "A setting is given twice in one section (`timeout client`, `default_backend`, `balance`, `mode`, `maxconn`, `cookie`…), or two options that exclude each other are both set: only the later one applies.",
        rationale: """
            Within one section HAProxy keeps the last value of a setting: a second `timeout client` replaces the \
            first (haproxy -c warns: "overwriting 'timeout client' which was already specified"), and a second \
            `default_backend`, `balance`, `mode`, `maxconn`, `cookie`, `retries`, `fullconn` or `hash-type` \
            replaces the first without a word. The same holds for options that set one thing in different ways: \
            the HTTP connection mode (`httpclose`, `http-server-close`, `http-keep-alive`), the log format \
            (`httplog`, `tcplog`), and the health check type (`httpchk`, `tcp-check`, `ssl-hello-chk`, `mysql-check`…). \
            Usually the first line is a leftover that a reader still believes in. A value inherited from \
            `defaults` and set again in a proxy is the normal way to override and is not reported.
            """,
        fix: "Keep one line: the fix-it removes the earlier one, whose value HAProxy ignores.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    ↓timeout client 1m
                    option httpclose
                    ↓option http-server-close
                frontend web
                    bind :80
                    default_backend app
                    ↓default_backend legacy
                backend app
                    balance roundrobin
                    ↓balance leastconn
                    server a 127.0.0.1:8080
                backend legacy
                    server b 127.0.0.1:8081

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    option http-server-close
                frontend web
                    bind :80
                    timeout client 1m
                    option forwardfor
                    option httplog
                    default_backend app
                backend app
                    balance leastconn
                    option http-keep-alive
                    server a 127.0.0.1:8080

                """),
        ])

    /// Keywords with one value per section.
    static let single: Set<String> = [
        "default_backend", "balance", "mode", "maxconn", "cookie", "retries", "fullconn", "hash-type",
    ]

    /// Options of which a section keeps only the last one set, by the thing they set.
    static let exclusiveOptions: [String: String] = [
        "httpclose": "the HTTP connection mode", "http-server-close": "the HTTP connection mode",
        "http-keep-alive": "the HTTP connection mode",
        "httplog": "the log format", "tcplog": "the log format",
        "httpchk": "the health check", "tcp-check": "the health check", "ssl-hello-chk": "the health check",
        "smtpchk": "the health check", "pgsql-check": "the health check", "redis-check": "the health check",
        "mysql-check": "the health check", "ldap-check": "the health check", "spop-check": "the health check",
        "external-check": "the health check",
    ]

    static func overwritten(_ keyword: String, line: Int) -> String {
        "overwriting '\(keyword)' which was already specified (line \(line)): only this value applies"
    }
    static func replaced(_ option: String, _ earlier: String, _ what: String, line: Int) -> String {
        "'option \(option)' replaces 'option \(earlier)' (line \(line)): a section has one \(what), the last one set"
    }
    static let removeEarlier = "remove the earlier line"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            var seen: [String: Directive] = [:]
            for line in proxy.directives where line.modifier == nil {
                let key: String, message: String
                if line.keyword.hasPrefix("timeout ") || Self.single.contains(line.keyword) {
                    key = line.keyword
                    guard let earlier = seen[key] else { seen[key] = line; continue }
                    message = Self.overwritten(line.keyword, line: earlier.range.start.line)
                } else if line.keyword.hasPrefix("option "), let what = Self.exclusiveOptions[String(line.keyword.dropFirst(7))] {
                    key = what
                    guard let earlier = seen[key] else { seen[key] = line; continue }
                    message = Self.replaced(String(line.keyword.dropFirst(7)), String(earlier.keyword.dropFirst(7)), what,
                                            line: earlier.range.start.line)
                } else {
                    continue
                }
                let earlier = seen[key]!
                let fix = FixIt(message: Self.removeEarlier, range: earlier.range, replacement: "")
                findings.report(message, at: line.range, notes: [DiagnosticNote(message: "set here first", range: earlier.range)],
                                fixIts: [fix])
                seen[key] = line
            }
        }
    }
}
