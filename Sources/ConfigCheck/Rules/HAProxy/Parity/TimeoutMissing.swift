import ConfigDiagnostics
import HAProxyConfig

/// A proxy without the client, connect or server timeout it needs.
struct TimeoutMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "timeout-missing", severity: .warning, domain: .haproxy,
        summary: "A proxy lacks the client, connect or server timeout it needs.",
        rationale: """
            Without `timeout client` a frontend keeps idle or stalled client connections forever; without \
            `timeout connect` and `timeout server` a backend with servers waits forever on a dead server. The \
            connections pile up until HAProxy runs out of them. haproxy -c prints the same WARNING ("missing \
            timeouts for backend ...") for a frontend without a client timeout and for a backend with servers but \
            no connect timeout, or no server timeout (in tcp mode a tunnel timeout also does). Timeouts set in \
            the defaults section a proxy inherits count.
            """,
        fix: "Set the timeouts once in the defaults section (for example `timeout client 30s`, `timeout connect 5s`, `timeout server 30s`).",
        triggering: [
            .haproxy("""
                frontend ↓web
                    mode http
                    bind :80
                    default_backend app
                backend ↓app
                    mode http
                    timeout connect 5s
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
                    default_backend app
                backend app
                    server a 127.0.0.1:8080
                listen db
                    mode tcp
                    bind :5432
                    timeout server 0
                    timeout tunnel 1h
                    server db 127.0.0.1:5433

                """),
        ])

    static func message(_ proxy: EffectiveProxy, _ missing: [String]) -> String {
        "missing " + missing.map { "'timeout \($0)'" }.joined(separator: ", ") + " for \(proxy.proxy.kind.rawValue) '\(proxy.name)'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.proxies where proxy.mode != .log {
            let missing = Self.missing(in: proxy)
            if !missing.isEmpty { findings.report(Self.message(proxy, missing), at: proxy.proxy.nameRange) }
        }
    }

    /// The spellings HAProxy 2.1 removed, by the timeout they set.
    static let removedSpellings = ["connect": "contimeout", "client": "clitimeout", "server": "srvtimeout"]

    /// The timeouts HAProxy would ask for, in the order it names them.
    static func missing(in proxy: EffectiveProxy) -> [String] {
        // A removed spelling (`contimeout`) is already an error of its own (`keyword-removed`), with the fix-it
        // to the current one; the timeout it meant is not reported missing on top of it.
        func isSet(_ name: String) -> Bool {
            (proxy.timeout(name)?.microseconds ?? 0) > 0
                || Self.removedSpellings[name].map { proxy.directive($0) != nil } ?? false
        }
        var missing: [String] = []
        if proxy.proxy.kind.hasFrontend, !isSet("client") { missing.append("client") }
        if proxy.proxy.kind.hasBackend,
           !proxy.proxy.servers.isEmpty || !proxy.proxy.directives("server-template").isEmpty {
            if !isSet("connect") { missing.append("connect") }
            if !isSet("server"), proxy.mode == .http || !isSet("tunnel") { missing.append("server") }
        }
        return missing
    }
}
