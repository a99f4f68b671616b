import ConfigDiagnostics
import HAProxyConfig

/// A server address without a port: connections go to the port the client used.
struct ServerPortMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "server-port-missing", severity: .warning, domain: .haproxy,
        summary: "A server's address has no port: HAProxy connects to the port the client connected to.",
        rationale: """
            `server web1 10.0.0.1` is valid: without a port HAProxy keeps the destination port of the client's \
            connection, so a frontend on :443 sends to 10.0.0.1:443 and one on :80 to 10.0.0.1:80. That is \
            sometimes meant (transparent setups, several ports on one frontend), but usually the port was \
            forgotten. With `check`, no `port` option and no `tcp-check connect port N`, HAProxy cannot know where \
            to check and refuses to start ("server 'web1' has neither service port nor check port"); weir reports \
            that case as an error.
            """,
        fix: "Add the port the service listens on (`10.0.0.1:8080`); where the client's port is meant, write it as `+0`.",
        triggering: [
            .haproxy("""
                backend app
                    server web1 ↓10.0.0.1
                    server web2 ↓10.0.0.2 check
                    server web3 ↓10.0.0.3 check port 8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:8080 check
                    server web3 10.0.0.3:+0
                    server web4 unix@/run/app.sock

                """),
        ])

    static let noPort = "no port: HAProxy connects to the port the client connected to"
    static let noCheckPort = "no port and no 'port' option: HAProxy has no port to check and refuses to start (neither service port nor check port)"

    /// Whether the proxy's tcp-check rules give the port (`tcp-check connect port 9001`), which HAProxy accepts instead.
    static func connectsWithPort(_ proxy: Proxy) -> Bool {
        proxy.directives.contains { $0.keyword.hasPrefix("tcp-check connect") && $0.arguments.contains("port") }
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.backends {
            for server in proxy.proxy.servers {
                guard let address = server.address, let range = server.addressRange, address.port == nil,
                      [.ipv4, .ipv6, .hostname].contains(address.family) else { continue }
                if proxy.flag("check", of: server), proxy.option("port", of: server) == nil, !Self.connectsWithPort(proxy.proxy) {
                    findings.report(Self.noCheckPort, at: range, severity: .error)
                } else {
                    findings.report(Self.noPort, at: range)
                }
            }
        }
    }
}
