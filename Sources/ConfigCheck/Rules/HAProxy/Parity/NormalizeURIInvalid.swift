import ConfigDiagnostics
import HAProxyConfig

/// An `http-request normalize-uri` rule HAProxy refuses.
struct NormalizeURIInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "normalize-uri-invalid", severity: .error, domain: .haproxy,
        summary: "An `http-request normalize-uri` rule without `expose-experimental-directives`, or with a normalizer or option HAProxy does not know.",
        rationale: """
            `normalize-uri` is experimental in HAProxy 2.6: without `expose-experimental-directives` in `global` \
            HAProxy refuses the rule ("'normalize-uri' action is experimental, must be allowed via a global \
            'expose-experimental-directives'"). Its normalizers are `path-merge-slashes`, `path-strip-dot`, \
            `path-strip-dotdot [full]`, `query-sort-by-name`, `percent-to-uppercase [strict]`, \
            `percent-decode-unreserved [strict]`, `fragment-strip` and `fragment-encode`; HAProxy refuses a \
            missing or unknown normalizer ("unknown normalizer 'x'") and an unknown option ("unknown argument 'x' \
            for 'path-strip-dotdot' normalizer"). The semantic layer reads the rule once (`URINormalizerSpec`); \
            `weir run` normalizes requests from the same reading.
            """,
        fix: "Add `expose-experimental-directives` to `global` and write one of the normalizers with its option.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓http-request normalize-uri path-merge-slashes
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
            .haproxy("""
                global
                    expose-experimental-directives
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓http-request normalize-uri path-strip-dotdot half
                    ↓http-request normalize-uri lowercase
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    expose-experimental-directives
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request normalize-uri path-strip-dotdot full
                    http-request normalize-uri percent-decode-unreserved strict if { path_beg /a }
                    http-request normalize-uri query-sort-by-name
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    /// HAProxy's message for an experimental action without `expose-experimental-directives`.
    static let experimental = "'normalize-uri' action is experimental, must be allowed via a global 'expose-experimental-directives'"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let exposed = context.configuration.global?.directives.contains { $0.keyword == "expose-experimental-directives" } ?? false
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for rule in proxy.rules where rule.hook == "http-request" && rule.action == "normalize-uri" {
                guard exposed else {
                    findings.report(Self.experimental, at: rule.range)
                    continue
                }
                if let problem = URINormalizerSpec(arguments: rule.arguments, conditional: rule.condition != nil).problem {
                    findings.report(problem, at: rule.range)
                }
            }
        }
    }
}
