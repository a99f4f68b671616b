import ConfigDiagnostics
import HAProxyConfig

/// A rule's condition in an HTTP proxy reads a layer 6 fetch (the raw buffer).
struct L6FetchInHTTPProxy: HAProxyRule {
    static let description = RuleDescription(
        id: "l6-fetch-in-http-proxy", severity: .warning, domain: .haproxy,
        summary: "A condition in a `mode http` proxy reads the raw request or response buffer (`req.len`, `req.payload`, `req.ssl_sni`…).",
        rationale: """
            Layer 6 fetches (`req.len`, `req.payload`, `req.payload_lv`, `req.rdp_cookie`, `req.ssl_hello_type`, \
            `req.ssl_sni`, `req.ssl_ver`, `res.len`, `res.payload`…) read the bytes of the channel's buffer as \
            they arrived. In a `mode http` proxy the buffer holds HAProxy's parsed HTTP messages instead, so the \
            fetches find nothing there and the condition does not test what it says. `haproxy -c` warns (\"L6 \
            sample fetches ignored on HTTP proxies\") for every rule whose condition, directly or through a \
            named ACL, uses one: `tcp-request`, `tcp-response`, `http-request`, `http-response`, \
            `http-after-response`, `use_backend`, `use-server` and `stick` rules.
            """,
        fix: "Use the HTTP fetch that says what is meant (`req.body_len`, `req.body`, `res.body`, `req.hdr`), or move the rule to a `mode tcp` proxy.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend app
                    acl big req.len gt 1000
                    tcp-response content reject if { ↓res.len gt 15272 }
                    http-request deny if ↓big
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend tls_passthrough
                    mode tcp
                    bind :443
                    tcp-request inspect-delay 5s
                    tcp-request content accept if { req.ssl_hello_type 1 }
                    use_backend app if { req.ssl_sni -i app.example }
                backend app
                    mode tcp
                    server a 127.0.0.1:8443
                frontend web
                    mode http
                    bind :80
                    http-request deny if { req.body_len gt 1000 }
                    default_backend www
                backend www
                    mode http
                    server w 127.0.0.1:8080

                """),
        ])

    /// The fetches (and ACL keywords) that read the raw request or response buffer.
    static let layer6Fetches: Set<String> = [
        "distcc_body", "distcc_param", "payload", "payload_lv", "rdp_cookie", "rdp_cookie_cnt", "rep_ssl_hello_type",
        "req.len", "req.payload", "req.payload_lv", "req.rdp_cookie", "req.rdp_cookie_cnt", "req.ssl_alpn",
        "req.ssl_ec_ext", "req.ssl_hello_type", "req.ssl_sni", "req.ssl_st_ext", "req.ssl_ver", "req_len",
        "req_rdp_cookie", "req_rdp_cookie_cnt", "req_ssl_hello_type", "req_ssl_sni", "req_ssl_ver", "res.len",
        "res.payload", "res.payload_lv", "res.ssl_hello_type",
    ]

    /// The first word of the keywords whose conditions HAProxy checks for layer 6 fetches.
    static let checkedRules: Set<String> = [
        "tcp-request", "tcp-response", "http-request", "http-response", "http-after-response", "use_backend",
        "use-server", "stick",
    ]

    static func message(_ fetch: String, _ proxy: String) -> String {
        "'\(fetch)' reads the raw buffer, which HTTP proxy '\(proxy)' does not have: HAProxy ignores it in this condition"
    }

    static func isLayer6(_ criterion: String) -> Bool {
        let end = criterion.firstIndex { $0 == "(" || $0 == "," } ?? criterion.endIndex
        return layer6Fetches.contains(String(criterion[..<end]))
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.proxies where proxy.mode == .http {
            let layer6ACLs = Dictionary(proxy.proxy.acls.filter { Self.isLayer6($0.criterion) }.map { ($0.name, $0.criterion) }) { first, _ in first }
            for use in context.conditions(of: proxy.proxy) {
                guard Self.checkedRules.contains(String(use.directive.keyword.prefix { $0 != " " })) else { continue }
                let anonymous = use.anonymous.compactMap(\.first).first { Self.isLayer6($0.text) }.map { ($0.text, $0.range) }
                let named = use.references.first { layer6ACLs[$0.name] != nil }.map { (layer6ACLs[$0.name]!, $0.range) }
                guard let (criterion, range) = anonymous ?? named else { continue }
                let fetch = String(criterion.prefix { $0 != "(" && $0 != "," })
                findings.report(Self.message(fetch, proxy.name), at: range)
            }
        }
    }
}
