import ConfigDiagnostics
import HAProxyConfig

/// `option external-check` without `insecure-fork-wanted` in global.
struct ExternalCheckWithoutInsecureFork: HAProxyRule {
    static let description = RuleDescription(
        id: "external-check-without-insecure-fork", severity: .warning, domain: .haproxy,
        summary: "`option external-check` is used without `insecure-fork-wanted` in the global section.",
        rationale: """
            External checks run a program for every check, which means forking the HAProxy process. Since 2.2 \
            HAProxy forbids forking unless the global section says `insecure-fork-wanted`; without it every \
            external check fails and the servers are marked down. haproxy -c warns about it ("'insecure-fork-wanted' \
            not enabled in the global section, 'option external-check' will likely fail").
            """,
        fix: "Add `insecure-fork-wanted` to the global section, or use a built-in check (`option httpchk`, `tcp-check`).",
        triggering: [
            .haproxy("""
                global
                    external-check
                backend app
                    timeout connect 5s
                    timeout server 30s
                    ↓option external-check
                    external-check command /usr/local/bin/check-app
                    server a 127.0.0.1:8080 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    external-check
                    insecure-fork-wanted
                backend app
                    timeout connect 5s
                    timeout server 30s
                    option external-check
                    external-check command /usr/local/bin/check-app
                    server a 127.0.0.1:8080 check

                """),
        ])

    static func message(_ proxy: EffectiveProxy) -> String {
        "external checks of \(proxy.proxy.kind.rawValue) '\(proxy.name)' will fail: 'insecure-fork-wanted' is not set in the global section"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(keyword: "option external-check") else { return }
        let forkAllowed = context.configuration.global?.directives.contains {
            $0.keyword == "insecure-fork-wanted" && $0.modifier != .no
        } ?? false
        guard !forkAllowed else { return }
        for proxy in context.backends {
            if let line = Self.checkType(of: proxy), line.keyword == "option external-check" {
                findings.report(Self.message(proxy), at: line.range)
            }
        }
    }

    /// Options that choose how servers are checked; the last one wins.
    static let checkTypes: Set<String> = [
        "option external-check", "option httpchk", "option tcp-check", "option ssl-hello-chk", "option smtpchk",
        "option mysql-check", "option pgsql-check", "option redis-check", "option ldap-check", "option spop-check",
    ]

    /// The line choosing the proxy's check type, its own or inherited.
    static func checkType(of proxy: EffectiveProxy) -> Directive? {
        func line(in layer: Proxy) -> Directive? {
            layer.directives.last { checkTypes.contains($0.keyword) && $0.modifier == nil }
        }
        return line(in: proxy.proxy) ?? proxy.chain.lazy.compactMap(line).first
    }
}
