import ConfigDiagnostics
import HAProxyConfig

/// A `server` line without an address, whose first option HAProxy takes for one.
struct ServerAddressMissing: HAProxyRule {
    static let description = RuleDescription(
        id: "server-address-missing", severity: .error, domain: .haproxy,
        summary: "A `server` line has no address: HAProxy reads the next word (`check`, `weight`…) as a host name and refuses to start.",
        rationale: """
            The word after a server's name is always its address. When the address is forgotten (`server web1 \
            check`), HAProxy tries to resolve `check` as a host name and stops: "'server app/web1' : could not \
            resolve address 'check'". With nothing after the name it says "'server' expects <name> and \
            <addr>[:<port>] as arguments". Weir reports both at the word HAProxy reads as the address. In a \
            `peers` section a server without an address is the local peer and is not reported.
            """,
        fix: "Put the server's address and port right after its name: `server web1 10.0.0.1:80 check`.",
        triggering: [
            .haproxy("""
                backend app
                    server web1 ↓check inter 2s
                    ↓server web2

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:80 check inter 2s
                    server web2 127.0.0.1:8080 check

                """),
        ])

    static func optionAsAddress(_ word: String) -> String {
        "'\(word)' stands where the address belongs: HAProxy reads it as a host name and refuses to start (could not resolve address '\(word)')"
    }
    static let nothing = "'server' expects <name> and <addr>[:<port>] as arguments"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let options = KeywordRegistry.standard.serverOptions
        for proxy in context.allProxies where proxy.kind.hasBackend && proxy.kind != .defaults {
            for server in proxy.servers {
                guard let address = server.addressText, let range = server.addressRange else {
                    // `server` and its name: the statement has no third word.
                    findings.report(Self.nothing, at: server.range)
                    continue
                }
                if options[address] != nil { findings.report(Self.optionAsAddress(address), at: range) }
            }
        }
    }
}
