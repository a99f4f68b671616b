import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A server's `resolvers NAME` naming no resolvers section.
struct ResolversUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "resolvers-undefined", severity: .error, domain: .haproxy,
        summary: "A `server` or `default-server` line names a `resolvers` section that does not exist.",
        rationale: """
            The `resolvers NAME` server option picks the `resolvers` section used to resolve the server's \
            address at run time. When no such section exists, haproxy refuses to start ("unable to find \
            required resolvers 'NAME'"). The name `default` is always known: HAProxy creates that section from \
            /etc/resolv.conf when the configuration does not declare it.
            """,
        fix: "Correct the name, or declare the `resolvers` section.",
        triggering: [
            .haproxy("""
                resolvers dns
                    nameserver ns1 10.0.0.53:53
                backend app
                    server a 10.0.0.5:8080 resolvers ↓dnss

                """),
        ],
        nonTriggering: [
            .haproxy("""
                resolvers dns
                    nameserver ns1 10.0.0.53:53
                backend app
                    default-server resolvers dns
                    server a 10.0.0.5:8080
                    server b 10.0.0.6:8080 resolvers default

                """),
        ])

    static func message(_ name: String) -> String { "no resolvers section named '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(option: "resolvers") else { return }
        let sections = context.configuration.resolvers.map(\.name) + ["default"]
        for proxy in context.allProxies {
            for server in (proxy.defaultServer.map { [$0] } ?? []) + proxy.servers {
                for option in server.options where option.name == "resolvers" {
                    guard let name = option.value, !sections.contains(name) else { continue }
                    let range = option.valueRange
                    var fixIts: [FixIt] = []
                    if let suggestion = Suggestion.closest(to: name, in: sections) {
                        fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
                    }
                    findings.report(Self.message(name), at: range, fixIts: fixIts)
                }
            }
        }
    }
}
