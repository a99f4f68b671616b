import ConfigDiagnostics
import HAProxyConfig

/// A rule written after one that HAProxy always evaluates later.
struct RuleOrderIgnored: HAProxyRule {
    static let description = RuleDescription(
        id: "rule-order-ignored", severity: .warning, domain: .haproxy,
        summary: "A rule is written after one that HAProxy evaluates later (`http-request` after `use_backend`), so the order on the page is not the order of evaluation.",
        rationale: """
            HAProxy runs the rules of a proxy by kind, not by line: `tcp-request connection`, then `tcp-request \
            session`, `tcp-request content`, `monitor fail`, `http-request`, `redirect`, and last `use_backend` and \
            `use-server`. A rule written below one of a later kind still runs before it, which is rarely what the \
            author meant (an `http-request deny` under the `use_backend` lines still denies before any switching). \
            haproxy -c warns ("a 'http-request' rule placed after a 'use_backend' rule will still be processed \
            before"); weir reports the same line with the same words, naming the first later kind HAProxy finds.
            """,
        fix: "Move the rule above the first rule of the later kind, in HAProxy's order of evaluation.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    use_backend api if { path_beg /api }
                    ↓http-request deny if { src 10.0.0.0/8 }
                    ↓redirect scheme https if { path /login }
                    ↓tcp-request content accept if { src 127.0.0.1 }
                    default_backend api
                backend api
                    server a 127.0.0.1:8080

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
                    tcp-request inspect-delay 5s
                    tcp-request content accept if { src 127.0.0.1 }
                    http-request deny if { src 10.0.0.0/8 }
                    redirect scheme https if { path /login }
                    use_backend api if { path_beg /api }
                    http-response set-header X-Served-By weir
                    default_backend api
                backend api
                    server a 127.0.0.1:8080

                """),
        ])

    /// The kinds of rules in HAProxy's order of evaluation, with the name its warning gives each.
    enum Kind: Int, CaseIterable {
        case tcpConnection, tcpSession, tcpContent, monitorFail, httpRequest, redirect, useBackend, useServer

        var name: String {
            switch self {
            case .tcpConnection: "tcp-request connection"
            case .tcpSession: "tcp-request session"
            case .tcpContent: "tcp-request content"
            case .monitorFail: "monitor fail"
            case .httpRequest: "http-request"
            case .redirect: "redirect"
            case .useBackend: "use_backend"
            case .useServer: "use-server"
            }
        }

        /// The word HAProxy names the misplaced rule by (its first argument).
        var word: String {
            switch self {
            case .tcpConnection, .tcpSession, .tcpContent: "tcp-request"
            default: name
            }
        }

        init?(_ keyword: String) {
            if keyword.hasPrefix("tcp-request connection") { self = .tcpConnection }
            else if keyword.hasPrefix("tcp-request session") { self = .tcpSession }
            else if keyword.hasPrefix("tcp-request content") { self = .tcpContent }
            else if keyword == "monitor fail" { self = .monitorFail }
            else if keyword == "http-request" || keyword.hasPrefix("http-request ") { self = .httpRequest }
            else if keyword == "redirect" { self = .redirect }
            else if keyword == "use_backend" { self = .useBackend }
            else if keyword == "use-server" { self = .useServer }
            else { return nil }
        }
    }

    static func message(_ placed: Kind, after earlier: Kind) -> String {
        let article = earlier == .httpRequest ? "an" : "a"
        return "a '\(placed.word)' rule placed after \(article) '\(earlier.name)' rule will still be processed before"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            var seen = Set<Kind>()
            for line in proxy.directives {
                guard let kind = Kind(line.keyword) else { continue }
                // HAProxy names the first later kind it finds, in its order of evaluation.
                if let later = Kind.allCases.first(where: { $0.rawValue > kind.rawValue && seen.contains($0) }) {
                    findings.report(Self.message(kind, after: later), at: line.range)
                }
                seen.insert(kind)
            }
        }
    }
}
