import ConfigDiagnostics
import HAProxyConfig

/// An http frontend sending traffic to a tcp backend.
struct BackendModeMismatch: HAProxyRule {
    static let description = RuleDescription(
        id: "backend-mode-mismatch", severity: .error, domain: .haproxy,
        summary: "A frontend in http mode routes to a backend in tcp mode.",
        rationale: """
            An http frontend hands parsed HTTP messages to its backend, which a tcp backend cannot take: HAProxy \
            refuses the configuration ("tries to use incompatible tcp backend ... (see 'mode')", an ALERT of \
            haproxy -c). The mode defaults to tcp, so a backend that simply forgets `mode http` (and inherits no \
            defaults that set it) is the usual cause. The other way round is allowed: a tcp frontend may use an \
            http backend.
            """,
        fix: "Set the same mode on both sides, usually `mode http` in the backend or in a shared defaults section.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    use_backend ↓api if { path_beg /api/ }
                    default_backend ↓api
                backend api
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                frontend web
                    bind :80
                    default_backend api
                frontend raw
                    mode tcp
                    bind :81
                    default_backend api
                backend api
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ frontend: EffectiveProxy, _ backend: EffectiveProxy, _ keyword: String) -> String {
        "\(frontend.mode.rawValue) \(frontend.proxy.kind.rawValue) '\(frontend.name)' cannot use "
            + "\(backend.mode.rawValue) \(backend.proxy.kind.rawValue) '\(backend.name)' in \(keyword) (see 'mode')"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.frontends {
            for target in BackendTarget.all(of: proxy) {
                guard let backend = context.backend(named: target.name), backend.proxy.name != proxy.proxy.name,
                      backend.mode != proxy.mode, !(proxy.mode == .tcp && backend.mode == .http) else { continue }
                let note = DiagnosticNote(message: "'\(backend.name)' is in \(backend.mode.rawValue) mode",
                                          range: backend.proxy.nameRange)
                findings.report(Self.message(proxy, backend, target.keyword), at: target.range, notes: [note])
            }
        }
    }
}
