import ConfigDiagnostics
import HAProxyConfig

/// Two settings HAProxy checks against each other after reading the file: `option transparent` with `balance`,
/// `switch-mode http` in a TCP proxy that can only reach its own servers, `tfo` servers without the retries it
/// needs, a cookie capture longer than `tune.http.cookielen`, and `tune.bufsize` of 256 MB or more with HTTP.
struct SettingsConflict: HAProxyRule {
    static let description = RuleDescription(
        id: "settings-conflict", severity: .warning, domain: .haproxy,
        summary: "Settings HAProxy checks against each other: `option transparent` with `balance`, `switch-mode http` without a backend, `tfo` without retries, a cookie capture past `tune.http.cookielen`, a `tune.bufsize` of 256 MB with HTTP.",
        rationale: """
            After reading the file HAProxy compares some settings: a backend cannot both forward to the \
            original destination (`option transparent`) and balance between servers (`balance`): it refuses \
            it. A TCP `listen` section whose `tcp-request content switch-mode http` upgrades connections to \
            HTTP, but that has no `default_backend` nor `use_backend`, can only send them to its own TCP \
            servers: HAProxy warns. A server with `tfo` (TCP Fast Open) cannot be retried safely unless \
            `retry-on` includes `conn-failure`, `empty-response` and `response-timeout` (or \
            `all-retryable-errors`): HAProxy warns. A `capture cookie … len N` at or above `tune.http.cookielen` \
            (63 by default) is truncated, with a warning. And a `tune.bufsize` of 256 MB or more is refused as \
            soon as one proxy works in HTTP mode.
            """,
        fix: "Drop one of the two settings, or complete the other one (`retry-on all-retryable-errors`, a `default_backend`, a smaller length).",
        triggering: [
            .haproxy("""
                global
                    ↓tune.bufsize 300000000
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen tcp-in
                    mode tcp
                    bind 127.0.0.1:8080
                    ↓tcp-request content switch-mode http
                    ↓capture cookie SESSID len 64
                    server a 127.0.0.1:9000 ↓tfo
                backend transparent
                    mode http
                    option transparent
                    ↓balance roundrobin
                    server b 127.0.0.1:9001

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    tune.bufsize 32768
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen tcp-in
                    mode tcp
                    bind 127.0.0.1:8080
                    tcp-request content switch-mode http
                    default_backend web
                    capture cookie SESSID len 32
                backend web
                    mode http
                    retry-on all-retryable-errors
                    server a 127.0.0.1:9000 tfo
                backend transparent
                    mode http
                    option transparent

                """),
        ])

    /// The `retry-on` keywords that make a `tfo` server retryable (`PR_RE_DISCONNECTED | PR_RE_TIMEOUT`).
    static let fastOpenRetries: Set<String> = ["empty-response", "response-timeout"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let global = context.configuration.global?.directives ?? []
        if let line = global.last(where: { $0.keyword == "tune.bufsize" }),
           let size = NumericIDDuplicate.number(line.arguments.first), size >= 256 << 20,
           context.proxies.contains(where: { $0.mode == .http }) {
            findings.report("global.tune.bufsize must be below 256 MB when HTTP is in use (current value = \(size))",
                            at: line.range, severity: .error)
        }
        let cookieLength = global.last { $0.keyword == "tune.http.cookielen" }
            .flatMap { NumericIDDuplicate.number($0.arguments.first) }.map { $0 + 1 } ?? 64
        for effective in context.proxies {
            let proxy = effective.proxy
            let label = proxy.kind == .listen ? "proxy" : proxy.kind.rawValue
            if proxy.kind.hasBackend, effective.option("transparent") == true,
               let balance = effective.directive("balance") {
                findings.report("\(label) '\(effective.name)' cannot use both transparent and balance mode",
                                at: balance.range, severity: .error)
            }
            if effective.mode == .tcp, !proxy.servers.isEmpty, effective.directive("default_backend") == nil,
               proxy.useBackends.isEmpty,
               let upgrade = proxy.rules.first(where: { $0.action == "switch-mode" && $0.arguments.first == "http" }) {
                findings.report("Proxy '\(effective.name)' : 'switch-mode http' configured for a tcp \(label) with no "
                                + "backend. Incoming connections upgraded to HTTP cannot be routed to TCP servers",
                                at: upgrade.range)
            }
            if let capture = proxy.directives("capture cookie").first,
               let index = capture.arguments.firstIndex(of: "len"), index + 1 < capture.arguments.count,
               let length = NumericIDDuplicate.number(capture.arguments[index + 1]), length >= cookieLength {
                findings.report("truncating capture length to \(cookieLength - 1) bytes for \(label) '\(effective.name)'",
                                at: capture.range)
            }
            guard proxy.kind.hasBackend else { continue }
            let retries = Set(effective.directive("retry-on")?.arguments ?? [])
            guard !retries.contains("all-retryable-errors"), !Self.fastOpenRetries.isSubset(of: retries) else { continue }
            for server in proxy.servers where effective.flag("tfo", of: server) {
                let anchor = server.options.first { $0.name == "tfo" }?.range ?? server.range
                findings.report("server has tfo activated, the backend should be configured with at least 'conn-failure', "
                                + "'empty-response' and 'response-timeout' or we wouldn't be able to retry the connection "
                                + "on failure", at: anchor)
            }
        }
    }
}
