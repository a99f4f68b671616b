import ConfigDiagnostics
import HAProxyConfig

/// How long a checked server takes to be marked DOWN and back UP.
struct ServerFailoverTime: HAProxyRule {
    static let description = RuleDescription(
        id: "server-failover-time", severity: .note, domain: .haproxy,
        summary: "Shows how long the checked servers of a backend take to be marked DOWN, and UP again, where it differs from HAProxy's defaults.",
        rationale: """
            A server with `check` is marked DOWN after `fall` consecutive failed checks and UP after `rise` \
            consecutive successful ones. Checks run every `inter`; once a server starts changing state they \
            run every `fastinter`, and while it is DOWN every `downinter` (both default to `inter`). HAProxy's \
            defaults are inter 2s, rise 2, fall 3. So a server that stops answering keeps receiving requests for \
            up to inter + (fall − 1) × fastinter, and a recovered one waits up to downinter + (rise − 1) × \
            fastinter before it gets traffic again. This note states both figures once for each backend (once per \
            timing when its servers differ) so they can be compared with what the service can tolerate. Servers \
            that keep HAProxy's defaults (down in about 6s, up in about 4s) get no note: on real configs a note \
            per server was nearly half of all findings and said the same thing each time.
            """,
        triggering: [
            .haproxy("""
                backend app
                    default-server inter 3s fastinter 1s
                    server web1 10.0.0.1:80 ↓check inter 5s rise 2 fall 3
                    server web2 10.0.0.2:80 ↓check
                    server web3 10.0.0.3:80 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:80 check
                    server web2 10.0.0.2:80 check no-check
                    server web3 10.0.0.3:80 check inter 2s rise 2 fall 3

                """),
        ])

    static func message(_ timing: CheckTiming) -> String {
        "marked DOWN about \(timing.timeToDown) after it stops answering (fall \(timing.fall)), "
            + "UP again about \(timing.timeToUp) after it recovers (rise \(timing.rise))"
    }

    /// Servers that share one timing, in the order of their lines.
    private struct Group {
        var timing: CheckTiming
        var names: [String]
        var range: SourceRange
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.backends {
            var groups: [Group] = []
            var indexByTiming: [CheckTiming: Int] = [:]
            for server in proxy.proxy.servers where proxy.flag("check", of: server) {
                let timing = CheckTiming(server, proxy)
                guard timing != CheckTiming.haproxyDefaults else { continue }
                if let index = indexByTiming[timing] {
                    groups[index].names.append(server.name)
                    continue
                }
                // Point at the first server's own `check`, else at its name when `default-server` sets it.
                let range = server.options.last { $0.name == "check" }?.range ?? server.nameRange
                indexByTiming[timing] = groups.count
                groups.append(Group(timing: timing, names: [server.name], range: range))
            }
            for group in groups {
                let servers = group.names.count > 1 ? Self.list(group.names) + ": " : ""
                findings.report(servers + Self.message(group.timing), at: group.range)
            }
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
