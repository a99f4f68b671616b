import ConfigDiagnostics
import HAProxyConfig

/// A `path`/`path_beg` pattern without the leading slash, which no path matches.
struct ACLPathWithoutSlash: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-path-without-slash", severity: .warning, domain: .haproxy,
        summary: "A `path` or `path_beg` pattern does not start with `/`, so it can never match.",
        rationale: """
            The `path` fetch returns the request's path from its first slash (`/api/users`), without host or \
            query string, also for absolute-form requests (`GET http://host/api/`). An exact or prefix pattern \
            that does not start with `/` (`path_beg api/`) therefore never matches, and the rule it guards never \
            applies. HAProxy accepts it silently. Suffix, substring, directory and regex matches (`path_end`, \
            `path_sub`, `path_dir`, `path_reg`) are not concerned; nor is `*`, the path of `OPTIONS *`.
            """,
        fix: "Start the pattern with `/`.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl is_api path_beg ↓api/
                    use_backend api if is_api
                    use_backend api if { path -m beg -i /v2/ ↓v3/ }
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
                    acl is_js path_end .js
                    acl is_admin path_dir admin
                    use_backend api if is_api || is_js || is_admin
                    default_backend api
                backend api
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ value: String) -> String {
        "path pattern '\(value)' does not start with '/', so no request path matches it"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for acl in ACLTestSpec.all(in: proxy, of: context, criterion: { $0.hasPrefix("path") })
            where acl.fetch == "path" || acl.fetch == "path_beg" {
                guard acl.converters.isEmpty, !acl.hasFetchArguments else { continue }
                let method = acl.matchMethodName ?? (acl.fetch == "path" ? "str" : "beg")
                guard method == "str" || method == "beg" else { continue }
                for value in acl.values where !value.text.isEmpty && !value.text.hasPrefix("/") && value.text != "*" {
                    let fix = FixIt(message: "add the leading slash", range: value.range, replacement: "/" + value.text)
                    findings.report(Self.message(value.text), at: value.range, fixIts: [fix])
                }
            }
        }
    }
}
