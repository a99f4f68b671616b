import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// An unknown TLS version after `ssl-min-ver`/`ssl-max-ver` in the global
/// `ssl-default-bind-options` or `ssl-default-server-options`.
struct SSLVersionUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "ssl-version-unknown", severity: .error, domain: .haproxy,
        summary: "A global ssl-default-…-options names an unknown TLS version.",
        rationale: """
            `ssl-min-ver` and `ssl-max-ver` take SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3, spelt exactly so. \
            HAProxy reports any other word as an ALERT ("unknown ssl/tls version") and refuses to start. On bind \
            and server lines the keyword tables already check the value (invalid-argument); this rule checks the \
            global defaults, whose options the tables cannot see.
            """,
        fix: "Write the version as HAProxy spells it, e.g. TLSv1.2.",
        triggering: [
            .haproxy("""
                global
                    ssl-default-bind-options ssl-min-ver ↓TLSv1.4 no-tls-tickets
                    ssl-default-server-options ssl-min-ver ↓tlsv1.2

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3 no-tls-tickets
                    ssl-default-server-options ssl-min-ver TLSv1.2

                """),
        ])

    static let versions = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    static let globals: Set<String> = ["ssl-default-bind-options", "ssl-default-server-options"]

    static func message(_ version: String, option: String) -> String {
        "'\(version)' is not a TLS version \(option) knows (SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3)"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for directive in context.configuration.global?.directives ?? [] where Self.globals.contains(directive.keyword) {
            for index in directive.arguments.indices.dropLast()
            where directive.arguments[index] == "ssl-min-ver" || directive.arguments[index] == "ssl-max-ver" {
                let version = directive.arguments[index + 1]
                guard !Self.versions.contains(version) else { continue }
                let range = directive.argumentRanges[index + 1]
                var fixIts: [FixIt] = []
                if let suggestion = Self.versions.first(where: { $0.lowercased() == version.lowercased() })
                    ?? Suggestion.closest(to: version, in: Self.versions) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
                }
                findings.report(Self.message(version, option: directive.arguments[index]), at: range, fixIts: fixIts)
            }
        }
    }
}
