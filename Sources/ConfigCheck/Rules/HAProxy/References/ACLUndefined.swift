import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A condition that names an ACL the proxy does not define.
struct ACLUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-undefined", severity: .error, domain: .haproxy,
        summary: "A condition names an ACL that its proxy does not define.",
        rationale: """
            HAProxy looks up a named ACL in the proxy where the condition is written, then among its \
            predefined ACLs (TRUE, FALSE, HTTP, METH_GET, …). An ACL defined in another frontend or backend is \
            not visible, and a misspelt name makes haproxy refuse to start ("no such ACL").
            """,
        fix: "Define the ACL in the same proxy, or correct the name.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl is_api path_beg /api/
                    use_backend api if ↓is_apl
                    default_backend api
                backend api
                    mode http
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl is_api path_beg /api/
                    use_backend api if is_api !METH_POST || { path /health }
                    http-request redirect scheme https code 301 if !{ ssl_fc }
                    http-request deny if !!is_api OR ! { path /x }
                    default_backend api
                backend api
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    /// ACLs HAProxy defines for every proxy.
    static let predefined: Set<String> = [
        "FALSE", "HTTP", "HTTP_1.0", "HTTP_1.1", "HTTP_2.0", "HTTP_3.0", "HTTP_CONTENT", "HTTP_URL_ABS",
        "HTTP_URL_SLASH", "HTTP_URL_STAR", "LOCALHOST", "METH_CONNECT", "METH_DELETE", "METH_GET", "METH_HEAD",
        "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE", "RDP_COOKIE", "REQ_CONTENT", "TRUE", "WAIT_END",
    ]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            let defined = Set(proxy.acls.map(\.name))
            for use in context.conditions(of: proxy) {
                for reference in use.references where !defined.contains(reference.name)
                    && !Self.predefined.contains(reference.name) {
                    let candidates = Array(defined) + Self.predefined
                    var fixIts: [FixIt] = []
                    if let suggestion = Suggestion.closest(to: reference.name, in: candidates) {
                        fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: reference.range,
                                            replacement: suggestion))
                    }
                    findings.report(SemanticFindings.aclUndefinedMessage(reference.name), at: reference.range, fixIts: fixIts)
                }
            }
        }
    }
}
