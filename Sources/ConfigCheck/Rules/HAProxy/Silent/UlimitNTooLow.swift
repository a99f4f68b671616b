import ConfigDiagnostics
import HAProxyConfig

/// A global `ulimit-n` below the file descriptors that `maxconn` implies.
struct UlimitNTooLow: HAProxyRule {
    static let description = RuleDescription(
        id: "ulimit-n-too-low", severity: .warning, domain: .haproxy,
        summary: "The global `ulimit-n` is lower than the file descriptors the global `maxconn` needs.",
        rationale: """
            Each proxied connection uses two file descriptors (client and server side); HAProxy also needs one \
            per listening address, one per server for its health checks, and a few of its own. Without \
            `ulimit-n` it computes the limit itself (about 2 × maxconn + the rest). A `ulimit-n` below that \
            makes HAProxy run out of descriptors before it reaches `maxconn`: new connections fail with \
            "Too many open files" at the busiest moment. HAProxy reports it only when it starts ("FD limit (N) too \
            low for maxconn=…/maxsock=…", an ALERT after which it keeps running), never in `haproxy -c`.
            """,
        fix: "Remove `ulimit-n` and let HAProxy compute it, or raise it to at least the estimate.",
        triggering: [
            .haproxy("""
                global
                    maxconn 50000
                    ulimit-n ↓65536
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 50000
                    ulimit-n 200500
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    default_backend app
                backend app
                    server a 127.0.0.1:8080 check

                """),
        ])

    static func message(_ limit: Int, _ needed: Int, _ maxconn: Int) -> String {
        "ulimit-n \(limit) is below the about \(needed) file descriptors that maxconn \(maxconn) needs (2 per connection, plus listeners and checks)"
    }

    /// HAProxy's own reserve of descriptors (logs, pipes, pollers).
    static let reserved = 10

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let global = context.configuration.global, let limit = global.ulimitN, let maxconn = global.maxconn,
              let line = global.directives.last(where: { $0.keyword == "ulimit-n" }),
              let range = line.argumentRanges.first else { return }
        let listeners = context.proxies.reduce(0) { $0 + $1.proxy.binds.reduce(0) { $0 + max($1.addresses.count, 1) } }
        let checks = context.backends.reduce(0) { total, proxy in
            return total + proxy.proxy.servers.filter { proxy.flag("check", of: $0) }.count
        }
        let needed = 2 * maxconn + listeners + checks + Self.reserved
        guard limit < needed else { return }
        findings.report(Self.message(limit, needed, maxconn), at: range)
    }
}
