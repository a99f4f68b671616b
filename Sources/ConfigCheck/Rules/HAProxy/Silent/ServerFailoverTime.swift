import ConfigDiagnostics
import HAProxyConfig

/// How long a checked server takes to be marked DOWN and back UP.
struct ServerFailoverTime: HAProxyRule {
    static let description = RuleDescription(
        id: "server-failover-time", severity: .note, domain: .haproxy,
        summary: "Shows how long a checked server takes to be marked DOWN, and UP again.",
        rationale: """
            A server with `check` is marked DOWN after `fall` consecutive failed checks and UP after `rise` \
            consecutive successful ones. Checks run every `inter`; once a server starts changing state they \
            run every `fastinter`, and while it is DOWN every `downinter` (both default to `inter`). HAProxy's \
            defaults are inter 2s, rise 2, fall 3. So a server that stops answering keeps receiving requests for \
            up to inter + (fall − 1) × fastinter, and a recovered one waits up to downinter + (rise − 1) × \
            fastinter before it gets traffic again. This note states both figures for every checked server so \
            they can be compared with what the service can tolerate.
            """,
        triggering: [
            .haproxy("""
                backend app
                    default-server inter 3s fastinter 1s
                    server web1 10.0.0.1:80 ↓check inter 5s rise 2 fall 3
                    server web2 10.0.0.2:80 ↓check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                backend app
                    server web1 10.0.0.1:80
                    server web2 10.0.0.2:80 check no-check

                """),
        ])

    static func message(_ timing: CheckTiming) -> String {
        "marked DOWN about \(timing.timeToDown) after it stops answering (fall \(timing.fall)), "
            + "UP again about \(timing.timeToUp) after it recovers (rise \(timing.rise))"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        // Most servers share their timing: each message is written once.
        var messages: [CheckTiming: String] = [:]
        for proxy in context.backends {
            for server in proxy.proxy.servers where proxy.flag("check", of: server) {
                // Point at the server's own `check`, else at its name when `default-server` sets it.
                let range = server.options.last { $0.name == "check" }?.range ?? server.nameRange
                let timing = CheckTiming(server, proxy)
                if let message = messages[timing] {
                    findings.report(message, at: range)
                } else {
                    let message = Self.message(timing)
                    messages[timing] = message
                    findings.report(message, at: range)
                }
            }
        }
    }
}
