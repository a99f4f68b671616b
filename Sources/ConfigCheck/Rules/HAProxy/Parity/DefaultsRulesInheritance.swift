import ConfigDiagnostics
import HAProxyConfig

/// A section inheriting TCP/HTTP rules from a defaults section in a way
/// HAProxy forbids.
struct DefaultsRulesInheritance: HAProxyRule {
    static let description = RuleDescription(
        id: "defaults-rules-inheritance", severity: .error, domain: .haproxy,
        summary: "A section inherits a defaults section's TCP/HTTP rules where HAProxy does not allow it.",
        rationale: """
            Since 2.5 a named defaults section may hold http-request, http-response, http-after-response, \
            tcp-request and tcp-response rules, which run before the rules of each proxy that inherits it. \
            HAProxy then restricts who may inherit it, and refuses the configuration otherwise (ALERTs of \
            haproxy -c): not another defaults section, not a listen section, not frontends and backends both \
            (only one kind), not a backend when it has `tcp-request connection` or `tcp-request session` rules \
            (backends never see those steps), not a frontend when it has `tcp-response content` rules.
            """,
        fix: "Split the rules into one named defaults section for frontends and one for backends, and inherit each with `from`.",
        triggering: [
            .haproxy("""
                defaults base
                    mode http
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    http-request set-header X-Forwarded-Proto https
                frontend web from base
                    bind :80
                    default_backend app
                backend ↓app from base
                    server a 127.0.0.1:8080
                listen ↓admin from base
                    bind :8080
                    server b 127.0.0.1:8081

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults front
                    mode http
                    timeout client 30s
                    http-request set-header X-Forwarded-Proto https
                defaults back
                    mode http
                    timeout connect 5s
                    timeout server 30s
                frontend web from front
                    bind :80
                    default_backend app
                backend app from back
                    server a 127.0.0.1:8080

                """),
        ])

    /// Why a section may not inherit the rules, if it may not.
    static func reason(_ proxy: Proxy, _ defaults: Proxy, firstUser: Proxy.Kind?) -> String? {
        let name = defaults.name ?? ""
        switch proxy.kind {
        case .defaults: return "a defaults section cannot inherit from '\(name)', which defines TCP/HTTP rules"
        case .listen: return "a listen section cannot inherit from '\(name)', which defines TCP/HTTP rules"
        case .frontend, .backend:
            if let firstUser, firstUser != proxy.kind {
                return "frontends and backends cannot both inherit from '\(name)', which defines TCP/HTTP rules"
            }
            let hooks = Set(defaults.rules.map(\.hook))
            if proxy.kind == .backend, !hooks.isDisjoint(with: ["tcp-request connection", "tcp-request session"]) {
                return "a backend cannot inherit from '\(name)', which defines 'tcp-request connection' or 'tcp-request session' rules"
            }
            if proxy.kind == .frontend, hooks.contains("tcp-response content") {
                return "a frontend cannot inherit from '\(name)', which defines 'tcp-response content' rules"
            }
            return nil
        }
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let configuration = context.configuration
        var firstUser: [Int: Proxy.Kind] = [:]
        for proxy in Self.inSourceOrder(configuration) {
            guard let index = proxy.defaultsIndex, configuration.defaults.indices.contains(index) else { continue }
            let defaults = configuration.defaults[index]
            guard defaults.rules.contains(where: { $0.hook != "tcp-request inspect-delay" }) else { continue }
            if let reason = Self.reason(proxy, defaults, firstUser: firstUser[index]) {
                findings.report(reason, at: proxy.nameRange,
                                notes: [DiagnosticNote(message: "the defaults section is here", range: defaults.nameRange)])
            } else if proxy.kind != .defaults {
                firstUser[index] = firstUser[index] ?? proxy.kind
            }
        }
    }

    /// Defaults and proxies interleaved as written.
    static func inSourceOrder(_ configuration: HAProxyConfiguration) -> [Proxy] {
        (configuration.defaults + configuration.proxies).sorted {
            ($0.range.file, $0.range.start.offset) < ($1.range.file, $1.range.start.offset)
        }
    }
}
