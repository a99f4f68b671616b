import ConfigDiagnostics
import HAProxyConfig

/// An ACL that no condition of its proxy uses.
struct ACLUnused: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-unused", severity: .warning, domain: .haproxy,
        summary: "A proxy defines an ACL that none of its conditions uses.",
        rationale: """
            A named ACL is only evaluated where an `if`/`unless` condition of the same proxy names it: \
            `http-request`, `tcp-request`, `http-response`, `use_backend`, `redirect`, `use-server`, \
            `stick`, `stats admin`, `monitor fail` and the like. ACLs are not shared between proxies, so an ACL \
            nothing names is dead text, often the sign of a misspelt name in the condition that was meant to use \
            it (an `{ … }` anonymous ACL does not use it either). HAProxy accepts it silently. Several `acl` \
            lines with one name form a single ACL and are reported once.
            """,
        fix: "Use the ACL in a condition, or delete it.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl is_api path_beg /api/
                    acl ↓is_static path_end .css .js
                    use_backend api if is_api
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
                    acl is_api path_beg /v2/
                    acl local src 127.0.0.1
                    acl admin path_beg /admin
                    http-request deny if admin !local
                    use_backend api if is_api
                    default_backend api
                backend api
                    mode http
                    server a 127.0.0.1:8080
                listen stats
                    mode http
                    bind :8404
                    acl from_lan src 10.0.0.0/8
                    acl down nbsrv(api) lt 1
                    stats enable
                    stats auth admin:secret
                    stats admin if from_lan
                    monitor-uri /health
                    monitor fail if down

                """),
        ])

    static func message(_ name: String) -> String { "ACL '\(name)' is defined but no condition uses it" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            let used = Set(context.conditions(of: proxy).flatMap { $0.references.map(\.name) })
            var reported: Set<String> = []
            for acl in proxy.acls where !used.contains(acl.name) && reported.insert(acl.name).inserted {
                findings.report(Self.message(acl.name), at: acl.nameRange)
            }
        }
    }
}
