import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// `use-server`, `track` or a `srv_*` fetch naming a server that does not exist.
struct ServerUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "server-undefined", severity: .error, domain: .haproxy,
        summary: "`use-server`, a server's `track` or a `srv_*` fetch names a server that does not exist.",
        rationale: """
            `use-server NAME` picks a server of the backend it is written in; `track [BACKEND/]SERVER` copies \
            another server's health; `srv_is_up([BACKEND/]SERVER)` and the other `srv_*` fetches read one \
            server's state. Without a backend part the server is looked up in the proxy the line is written in. \
            haproxy refuses to start when the server does not exist ("unable to find server 'NAME' referenced \
            in a 'use-server' rule", "unable to find required server 'NAME' for tracking").
            """,
        fix: "Correct the name.",
        triggering: [
            .haproxy("""
                backend app
                    mode http
                    use-server ↓web3 if { path_beg /v3/ }
                    server web1 10.0.0.1:80 check
                    server web2 10.0.0.2:80 track ↓web01
                    server web4 10.0.0.4:80 track ↓nowhere/web1

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    mode http
                    http-request set-header X-Up %[srv_is_up(web1)]
                    use-server web2 if { path_beg /v2/ }
                    server web1 10.0.0.1:80 check
                    server web2 10.0.0.2:80 track web1
                backend other
                    mode http
                    server web3 10.0.0.3:80 track app/web1

                """),
        ])

    static func message(_ server: String, _ backend: String) -> String { "no server named '\(server)' in '\(backend)'" }
    static func trackedBackendMissing(_ backend: String) -> String {
        "no backend named '\(backend)' to track a server of (HAProxy: \"unable to find required proxy '\(backend)' for tracking\")"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            let own = proxy.name ?? ""
            func verify(_ reference: String, at range: SourceRange, tracking: Bool = false) {
                guard !reference.isEmpty, !reference.contains("%") else { return }
                var backend = own
                var server = reference
                var serverRange = range
                if let slash = reference.firstIndex(of: "/") {
                    backend = String(reference[..<slash])
                    server = String(reference[reference.index(after: slash)...])
                    let start = backend.utf8.count + 1
                    serverRange = range.slice(of: reference, from: start, to: reference.utf8.count)
                }
                // The servers of the proxy named (looked up only for the few lines that name one).
                let servers: [Server]
                if backend == own {
                    servers = proxy.kind.hasBackend ? proxy.servers : []
                } else if let named = context.backend(named: backend) {
                    servers = named.proxy.servers
                } else {
                    // A `srv_*` fetch's backend is fetch-proxy-undefined's; nothing else reports a tracked one.
                    if tracking {
                        findings.report(Self.trackedBackendMissing(backend),
                                        at: range.slice(of: reference, from: 0, to: backend.utf8.count))
                    }
                    return
                }
                guard !servers.contains(where: { $0.name == server }) else { return }
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: server, in: servers.map(\.name)) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: serverRange, replacement: suggestion))
                }
                findings.report(Self.message(server, backend), at: serverRange, fixIts: fixIts)
            }
            for line in proxy.directives where line.keyword == "use-server" {
                if let name = line.arguments.first { verify(name, at: line.argumentRanges[0]) }
            }
            for server in proxy.servers {
                if let track = server.option("track"), let value = track.value {
                    verify(value, at: track.valueRange, tracking: true)
                }
            }
            for call in context.calls(of: proxy) where ServerReference.serverFetches.contains(call.name) {
                verify(call.arguments[0], at: call.argumentRanges[0])
            }
        }
    }
}
