import ConfigDiagnostics
import HAProxyConfig

/// Two frontends, or two backends, with the same name.
struct ProxyNameDuplicate: HAProxyRule {
    static let description = RuleDescription(
        id: "proxy-name-duplicate", severity: .error, domain: .haproxy,
        summary: "Two proxies with the same capability share a name.",
        rationale: """
            Frontends are found by name (stats, the runtime API, logs) and backends too (use_backend, \
            default_backend, fetch arguments), so HAProxy refuses two frontend-capable or two backend-capable \
            sections with one name ("frontend 'x' has the same name as listen 'x'", an ALERT of haproxy -c). A \
            listen section is both. A frontend and a backend may share a name, a common pattern.
            """,
        fix: "Rename one of them.",
        triggering: [
            .haproxy("""
                listen web
                    mode http
                    bind :80
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080
                backend ↓web
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server b 127.0.0.1:8081

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    default_backend web
                backend web
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ proxy: Proxy, _ earlier: Proxy) -> String {
        "\(proxy.kind.rawValue) '\(proxy.name ?? "")' has the same name as \(earlier.kind.rawValue) '\(earlier.name ?? "")'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        var frontends: [String: Proxy] = [:]
        var backends: [String: Proxy] = [:]
        for proxy in context.configuration.proxies {
            guard let name = proxy.name else { continue }
            let clash = (proxy.kind.hasFrontend ? frontends[name] : nil) ?? (proxy.kind.hasBackend ? backends[name] : nil)
            if let clash {
                findings.report(Self.message(proxy, clash), at: proxy.nameRange,
                                notes: [DiagnosticNote(message: "the first one is here", range: clash.nameRange)])
            }
            if proxy.kind.hasFrontend, frontends[name] == nil { frontends[name] = proxy }
            if proxy.kind.hasBackend, backends[name] == nil { backends[name] = proxy }
        }
    }
}
