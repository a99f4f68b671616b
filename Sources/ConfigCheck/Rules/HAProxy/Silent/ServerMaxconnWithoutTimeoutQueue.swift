import ConfigDiagnostics
import HAProxyConfig

/// Servers with `maxconn` in a backend without `timeout queue`.
struct ServerMaxconnWithoutTimeoutQueue: HAProxyRule {
    static let description = RuleDescription(
        id: "server-maxconn-without-timeout-queue", severity: .note, domain: .haproxy,
        summary: "A server limits its connections with `maxconn`, but the backend sets no `timeout queue`.",
        rationale: """
            When every server of a backend has reached its `maxconn`, further requests wait in the backend's \
            queue for at most `timeout queue`. Without it HAProxy uses `timeout connect`, usually a few seconds \
            meant for a TCP handshake, so a short burst turns into 503 errors instead of a short wait; with no \
            connect timeout either, queued requests may wait forever. HAProxy accepts it silently. Reported once \
            per backend, at the first server limit, as a note: HAProxy documents the fallback, and on real configs \
            (connect timeouts of 3 to 15 s) it mostly matters under bursts.
            """,
        fix: "Set `timeout queue` in the backend or its defaults (for example `timeout queue 30s`).",
        triggering: [
            .haproxy("""
                backend app
                    timeout connect 5s
                    timeout server 30s
                    server web1 10.0.0.1:80 ↓maxconn 100
                    server web2 10.0.0.2:80 maxconn 100

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    timeout connect 5s
                    timeout server 30s
                    timeout queue 30s
                backend app
                    server web1 10.0.0.1:80 maxconn 100
                backend other
                    server web2 10.0.0.2:80

                """),
        ])

    static func message(_ connect: Duration?) -> String {
        let wait = connect.map { "\($0) ('timeout connect')" } ?? "without limit (no 'timeout connect' either)"
        return "requests queued behind this server's maxconn wait \(wait): the backend has no 'timeout queue'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard context.vocabulary.uses(option: "maxconn") else { return }
        for proxy in context.backends where proxy.timeout("queue") == nil {
            let limited = proxy.proxy.servers.first { server in
                proxy.option("maxconn", of: server)?.value.flatMap { Int($0) }.map { $0 > 0 } ?? false
            }
            guard let server = limited else { continue }
            let range = server.options.last { $0.name == "maxconn" }?.range ?? server.nameRange
            findings.report(Self.message(proxy.timeout("connect")), at: range)
        }
    }
}
