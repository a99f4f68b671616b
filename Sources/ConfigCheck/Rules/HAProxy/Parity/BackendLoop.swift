import ConfigDiagnostics
import HAProxyConfig

/// A listen section that routes to itself.
struct BackendLoop: HAProxyRule {
    static let description = RuleDescription(
        id: "backend-loop", severity: .error, domain: .haproxy,
        summary: "A listen section names itself in default_backend or use_backend.",
        rationale: """
            A listen section is a frontend and a backend at once, so it can be named as a backend, but not by \
            itself: traffic would be handed back to the same proxy forever. HAProxy refuses it ("loop detected \
            for default_backend", an ALERT of haproxy -c). It usually comes from a `default_backend` inherited \
            from a defaults section that also applies to the listen section named there.
            """,
        fix: "Route to another backend, or let the listen section use its own servers (remove the line).",
        triggering: [
            .haproxy("""
                listen web
                    mode http
                    bind :80
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    default_backend ↓web
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                listen web
                    mode http
                    bind :80
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ keyword: String, _ name: String) -> String {
        "\(keyword) names '\(name)' itself: HAProxy refuses the loop"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.frontends where proxy.proxy.kind == .listen {
            for target in BackendTarget.all(of: proxy) where target.name == proxy.proxy.name {
                findings.report(Self.message(target.keyword, target.name), at: target.range)
            }
        }
    }
}
