import ConfigDiagnostics
import HAProxyConfig

/// A frontend with a log format but nowhere to send its logs.
struct LogFormatWithoutLog: HAProxyRule {
    static let description = RuleDescription(
        id: "log-format-without-log", severity: .warning, domain: .haproxy,
        summary: "A frontend sets a log format but has no log target, so it logs nothing.",
        rationale: """
            `option httplog`, `option tcplog` and `log-format` only say what a log line looks like; the lines go \
            to the targets of `log` lines (in the proxy, its defaults, or the global section through \
            `log global`). A frontend with a format and no target sends nothing anywhere, and HAProxy says so \
            with a WARNING ("log format ignored for frontend ... since it has no log address"). The usual cause is \
            a defaults section without `log global`.
            """,
        fix: "Add `log global` to the defaults section (with a `log` target in global), or a `log` line to the frontend.",
        triggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 local0
                defaults
                    mode http
                    option httplog
                    timeout client 30s
                frontend ↓web
                    bind :80

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 local0
                defaults
                    mode http
                    log global
                    option httplog
                    timeout client 30s
                frontend web
                    bind :80

                """),
        ])

    static func message(_ proxy: EffectiveProxy) -> String {
        "\(proxy.proxy.kind.rawValue) '\(proxy.name)' has a log format but no log target: its log lines go nowhere"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let globalTargets = context.configuration.global?.logs.count ?? 0
        for proxy in context.frontends where proxy.mode != .log && Self.targets(of: proxy, global: globalTargets) == 0 {
            let format = LogFormatSetting.inForce(proxy)?.line
                ?? ([proxy.proxy] + proxy.chain).lazy.compactMap { $0.directives.last { $0.keyword == "log-format-sd" } }.first
            guard let format else { continue }
            findings.report(Self.message(proxy), at: proxy.proxy.nameRange,
                            notes: [DiagnosticNote(message: "the log format is set here", range: format.range)])
        }
    }

    /// How many log targets a proxy ends up with: each defaults layer's, then
    /// its own; `log global` adds the global ones and `no log` clears the list.
    static func targets(of proxy: EffectiveProxy, global: Int) -> Int {
        var count = 0
        for layer in ([proxy.proxy] + proxy.chain).reversed() {
            for line in layer.directives where line.keyword == "log" {
                if line.modifier == .no {
                    count = 0
                } else {
                    count += line.arguments.first == "global" ? global : 1
                }
            }
        }
        return count
    }
}
