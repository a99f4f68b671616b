import ConfigDiagnostics
import HAProxyConfig

/// A setting HAProxy warns it ignores because of another one: a `dispatch` address with `balance`, servers behind
/// a `default_backend`, check rules without the option that runs them, a state file that is not named, a
/// frontend without `bind`, a resolvers section without name servers.
struct SettingIgnored: HAProxyRule {
    static let description = RuleDescription(
        id: "setting-ignored", severity: .warning, domain: .haproxy,
        summary: "A setting that another one makes useless, which HAProxy warns about and ignores (`dispatch` with `balance`, `http-check` rules without `option httpchk`, …).",
        rationale: """
            HAProxy 2.6 starts but warns, and does nothing with the setting: a `dispatch` address in a backend \
            that also sets `balance` ("dispatch address … will be ignored in balance mode"); servers in a \
            `listen` section that has a `default_backend` (the default backend always takes the traffic); \
            `http-check` or `tcp-check` steps where `option httpchk` or `option tcp-check` (in the section or \
            its defaults) is not set, so the steps are never run; `load-server-state-from-file global` without \
            `server-state-file` in `global`; a `frontend` or `listen` section without a `bind` line (nothing \
            is accepted); and a `resolvers` section without a `nameserver` line or `parse-resolv-conf`.
            """,
        fix: "Remove the ignored setting, or add the one it needs (`option httpchk`, `server-state-file`, a `bind` line…).",
        triggering: [
            .haproxy("""
                global
                    maxconn 1000
                ↓resolvers dns
                    hold valid 10s
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    ↓default_backend app
                backend app
                    balance roundrobin
                    ↓dispatch 127.0.0.1:9001
                    ↓http-check send meth GET uri /health
                    ↓load-server-state-from-file global
                    server a 127.0.0.1:9000 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    server-state-file /var/lib/haproxy/state
                resolvers dns
                    nameserver local 127.0.0.53:53
                defaults
                    mode http
                    option httpchk
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    balance roundrobin
                    http-check send meth GET uri /health
                    load-server-state-from-file global
                    server a 127.0.0.1:9000 check
                backend db
                    option tcp-check
                    tcp-check connect port 6379
                    server b 127.0.0.1:6379 check

                """),
        ])

    /// The steps of check rulesets (HAProxy keeps `disable-on-404` and `send-state` as options).
    static let ruleSteps: Set<String> = ["comment", "connect", "send", "send-lf", "send-binary", "send-binary-lf", "expect",
                                         "set-var", "set-var-fmt", "unset-var"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let stateFileSet = context.configuration.global?.directives.contains { $0.keyword == "server-state-file" } ?? false
        // The old syntax binds the addresses written on the section line (`frontend web :80`).
        let boundOnHeader = Set(context.syntax.sections.compactMap { section -> String? in
            let words = section.header.words
            return words.count > 2 && words[2].text != "from" ? section.name : nil
        })
        for effective in context.proxies {
            let proxy = effective.proxy
            let kind = proxy.kind == .listen ? "proxy" : proxy.kind == .frontend ? "frontend" : "backend"
            let name = proxy.name ?? ""
            if proxy.kind.hasFrontend, proxy.binds.isEmpty, !boundOnHeader.contains(name) {
                let anchor = proxy.directives.first?.range ?? proxy.nameRange
                findings.report("\(kind) '\(name)' has no 'bind' directive, so it accepts no connection; declare it as a "
                                + "backend if this was intended", at: anchor)
            }
            guard proxy.kind.hasBackend else { continue }
            if effective.balance != nil, let dispatch = proxy.directives("dispatch").first {
                findings.report("dispatch address of \(kind) '\(name)' will be ignored in balance mode", at: dispatch.range)
            }
            if proxy.kind == .listen, !proxy.servers.isEmpty, let line = effective.directive("default_backend") {
                findings.report("In proxy '\(name)', the 'default_backend' rule always has precedence over the servers, "
                                + "which will never be used", at: line.range)
            }
            for (family, option) in [("http-check", "httpchk"), ("tcp-check", "tcp-check")] where effective.option(option) != true {
                let prefix = family + " "
                let step = proxy.directives.first { line in
                    guard line.keyword.hasPrefix(prefix) else { return false }
                    let step = line.keyword.dropFirst(prefix.count)
                    return !step.isEmpty && !step.contains(" ") && Self.ruleSteps.contains(String(step.prefix { $0 != "(" }))
                }
                if let step {
                    findings.report("\(kind) '\(name)' uses \(family) rules without 'option \(option)', so the rules are ignored",
                                    at: step.range)
                }
            }
            if !stateFileSet, let line = effective.directive("load-server-state-from-file"), line.arguments.first == "global" {
                findings.report("\(kind) '\(name)' loads the server state file named by 'server-state-file' in global, "
                                + "which is not set", at: line.range)
            }
        }
        for resolvers in context.configuration.resolvers where resolvers.nameservers.isEmpty
            && !resolvers.directives.contains(where: { $0.keyword == "parse-resolv-conf" }) {
            let header = resolvers.range.with(start: resolvers.range.start, end: resolvers.range.start)
            findings.report("resolvers '\(resolvers.name)' has no nameservers configured", at: header)
        }
    }
}
