import HAProxyConfig
import RuntimePlan

/// Settings that change nothing in what the engine runs, so they are not listed as unsupported:
/// `tune.idle-pool.shared off` in `global` (the engine keeps one idle-connection pool per event loop and never
/// hands a thread's idle server connection to another, which is what `off` asks for; `on`, HAProxy's default,
/// stays listed), `expose-experimental-directives` (it only lets HAProxy read experimental keywords such as
/// `normalize-uri`; each of those is compiled or listed on its own), `tune.ssl.default-dh-param` (the size of
/// the parameters of finite-field DHE key exchanges, which BoringSSL under swift-nio-ssl does not have: no cipher
/// the engine offers uses them, with or without the setting), `http-reuse always` (what the engine's pool does
/// for every backend: any request, a client's first included, takes an idle server connection another client
/// left in its event loop's pool; `never`, `safe` and `aggressive`, HAProxy's default being `safe`, stay listed), and `timeout tarpit` in a
/// section none of whose rules tarpits (HAProxy uses it for nothing else).
enum InertSettingsCompiler {
    static func markGlobal(_ global: GlobalSettings?, context: inout PlanningContext) {
        for directive in global?.directives ?? [] {
            let inert = (directive.keyword == "tune.idle-pool.shared" && directive.arguments == ["off"])
                || (directive.keyword == "expose-experimental-directives" && directive.arguments.isEmpty)
                || directive.keyword == "tune.ssl.default-dh-param"
            if inert { context.markHandled(directive.range) }
        }
    }

    static func markProxy(_ proxy: Proxy, context: inout PlanningContext) {
        for directive in proxy.directives where directive.keyword == "http-reuse" && directive.arguments == ["always"] {
            context.markHandled(directive.range)
        }
        let tarpits = proxy.rules.contains { $0.action == "tarpit" } || proxy.directives.contains { $0.keyword == "reqtarpit" }
        guard !tarpits else { return }
        for directive in proxy.directives where directive.keyword == "timeout tarpit" { context.markHandled(directive.range) }
    }
}
