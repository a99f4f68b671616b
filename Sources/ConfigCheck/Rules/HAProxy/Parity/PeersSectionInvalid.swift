import ConfigDiagnostics
import HAProxyConfig

/// What HAProxy's `peers` section parser refuses or ignores: `peer` lines mixed with a `bind` line, the local
/// peer declared twice, a `table` whose name is taken by a proxy's stick table, and server options peers ignore.
struct PeersSectionInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "peers-section-invalid", severity: .error, domain: .haproxy,
        summary: "A `peers` section mixes `peer` and `bind` lines, declares the local peer twice, names a `table` like a proxy's stick table, gives peers server options they ignore, or comes before the `localpeer` it needs.",
        rationale: """
            A `peers` section lists its members either with `peer` lines, or with one `bind` line for the local \
            peer and `server` lines for the others; HAProxy refuses the two styles together ("mixing \\"peer\\" \
            and \\"bind\\" line is forbidden"). The local peer (the one named like `localpeer`, else the host) \
            can be declared once ("local peer name already referenced"). A `table NAME` line is refused when a \
            proxy named NAME with a `stick-table` comes before it ("stick-table name 'NAME' conflicts with table \
            declared in backend 'NAME'"). And `check`, `agent-check`, `resolvers` and `init-addr` on a peer are \
            ignored with a warning: peers are not health-checked nor resolved at run time. A `localpeer` line \
            in a `global` section that comes after a `peers` section is ignored, with a warning.
            """,
        fix: "Use either `peer` lines or `bind` plus `server` lines; declare each peer once; rename the table; drop the server options peers ignore.",
        triggering: [
            .haproxy("""
                global
                    localpeer node1
                peers mesh
                    peer node1 127.0.0.1:10000
                    ↓peer node1 127.0.0.1:10001
                    peer node2 127.0.0.1:10002 ↓check
                    ↓bind 127.0.0.1:10003
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend sessions
                    stick-table type ip size 1k
                    server a 127.0.0.1:9000
                peers other
                    peer node1 127.0.0.1:10004
                    ↓table sessions type ip size 1k

                """),
            .haproxy("""
                peers mesh
                    peer node1 127.0.0.1:10000
                global
                    ↓localpeer node1

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    localpeer node1
                peers mesh
                    peer node1 127.0.0.1:10000
                    peer node2 127.0.0.1:10002
                    table sessions type ip size 1k

                """),
        ])

    /// The server options a peer ignores (`init_addr`, `resolvers`, `check`, `agent`).
    static let ignoredOptions: Set<String> = ["check", "agent-check", "resolvers", "init-addr"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let firstPeers = context.configuration.peers.first else { return }
        // cfg_parse_global: a `localpeer` read after a peers section is ignored (the section already took the host name).
        let localLines = context.configuration.global?.directives.filter { $0.keyword == "localpeer" } ?? []
        let ignored = localLines.filter { Self.precedes(firstPeers.range, $0.range) }
        for line in ignored {
            findings.report("'localpeer' ignored since it is used after 'peers' section", at: line.range, severity: .warning)
        }
        let local = localLines.last { !ignored.contains($0) }?.arguments.first ?? context.environment.hostName
        let tables = context.configuration.proxies.filter { proxy in
            proxy.directives.contains { $0.keyword == "stick-table" }
        }
        for section in context.configuration.peers {
            var bound = false, listed = false, localSeen = false
            for line in section.directives {
                switch line.keyword {
                case "bind":
                    if listed { findings.report("mixing \"peer\" and \"bind\" line is forbidden", at: line.range); continue }
                    bound = true
                case "peer", "server":
                    if line.keyword == "peer" {
                        if bound { findings.report("mixing \"peer\" and \"bind\" line is forbidden", at: line.range); continue }
                        listed = true
                    }
                    if let name = line.arguments.first, name == local {
                        if localSeen {
                            findings.report("'\(line.keyword) \(name)' : local peer name already referenced", at: line.range)
                            continue
                        }
                        localSeen = true
                    }
                    for (word, range) in zip(line.arguments, line.argumentRanges).dropFirst(2)
                    where Self.ignoredOptions.contains(word) {
                        findings.report("'\(line.keyword) \(line.arguments[0])' : init_addr, resolvers, check and agent are "
                                        + "ignored for peers", at: range, severity: .warning)
                    }
                case "table":
                    guard let name = line.arguments.first,
                          let proxy = tables.first(where: { $0.name == name && Self.precedes($0.range, line.range) })
                    else { continue }
                    findings.report("stick-table name '\(name)' conflicts with table declared in \(proxy.kind.rawValue) "
                                    + "'\(name)'", at: line.range)
                default:
                    continue
                }
            }
        }
    }

    /// Whether `earlier` starts before `later` in the same file.
    static func precedes(_ earlier: SourceRange, _ later: SourceRange) -> Bool {
        earlier.file == later.file && earlier.start < later.start
    }
}
