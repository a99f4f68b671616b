import HAProxyConfig

/// A compression algorithm HAProxy 2.6 does not have.
struct CompressionAlgoUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "compression-algo-unknown", severity: .error, domain: .haproxy,
        summary: "`compression algo` names an algorithm HAProxy 2.6 does not have.",
        rationale: """
            HAProxy 2.6 compresses with `gzip`, `deflate`, `raw-deflate` or `identity` (no compression, for \
            tests) and refuses the configuration at any other name (`'compression' : 'lzma' is not a supported \
            algorithm`). The engine offers the same four; the checker and the plan read the line once, through \
            the same list.
            """,
        fix: "Use `gzip`, `deflate`, `raw-deflate` or `identity`.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :8080
                    compression algo gzip ↓lzma
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :8080
                    compression algo gzip deflate
                    compression type application/json
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for diagnostic in proxy.directives.flatMap(SemanticFindings.compressionAlgorithms) {
                findings.report(diagnostic.message, at: diagnostic.range)
            }
        }
    }
}
