import ConfigDiagnostics
import HAProxyConfig

/// HTTP-only options and rules in a proxy that is not in http mode.
struct HTTPModeRequired: HAProxyRule {
    static let description = RuleDescription(
        id: "http-mode-required", severity: .warning, domain: .haproxy,
        summary: "An HTTP-only option or rule is used in a proxy in tcp mode, where HAProxy ignores it.",
        rationale: """
            `option forwardfor`, `option originalto`, other HTTP options (`http-buffer-request`, \
            `prefer-last-server`, `accept-invalid-http-request`…), `http-request`, `http-response` and `http-after-response` \
            rules, `redirect`, `stats` and `monitor-uri` all work on HTTP messages, and `balance uri`, \
            `url_param` and `hdr()` hash a part of the request. In a tcp proxy (tcp is the default mode) \
            there are none, so HAProxy drops them with a WARNING ("'option forwardfor' ignored for frontend ... \
            as it requires HTTP mode"): the backend never sees X-Forwarded-For, the rules never run, and the \
            hashing balance falls back to round robin ("Layer 7 hash not possible"). A tcp \
            frontend that upgrades with `tcp-request content switch-mode http` is not concerned. `option httplog` \
            in a tcp frontend, often inherited from a defaults section written for http, is replaced by `option \
            tcplog` with a WARNING too.
            """,
        fix: "Set `mode http` on the proxy (or its defaults), or remove the HTTP-only lines.",
        triggering: [
            .haproxy("""
                defaults
                    mode tcp
                    log stdout format raw local0
                    ↓option httplog
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    ↓option forwardfor
                frontend db
                    bind :5432
                    ↓http-request deny if { src 10.0.0.0/8 }
                    default_backend pg
                    ↓monitor-uri /health
                backend pg
                    ↓balance uri
                    server p1 127.0.0.1:5433

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout client 30s
                    timeout connect 5s
                    timeout server 30s
                    option forwardfor
                frontend web
                    bind :80
                    http-request deny if { src 10.0.0.0/8 }
                    default_backend app
                backend app
                    server a 127.0.0.1:8080
                frontend upgrade
                    mode tcp
                    bind :81
                    tcp-request content switch-mode http
                    option forwardfor
                    default_backend app

                """),
        ])

    /// Options HAProxy drops outside http mode, with the sides they apply to
    /// (HAProxy only warns about a side the proxy has).
    static let options: [(name: String, frontend: Bool, backend: Bool)] = [
        ("forwardfor", true, true), ("originalto", true, true), ("checkcache", false, true),
        ("http-buffer-request", true, true), ("http-ignore-probes", true, false), ("idle-close-on-response", true, false),
        ("prefer-last-server", false, true), ("accept-invalid-http-request", true, false),
        ("accept-invalid-http-response", false, true), ("http-use-proxy-header", true, false),
        ("http-pretend-keepalive", false, true), ("http-no-delay", true, true), ("h1-case-adjust-bogus-client", true, false),
        ("h1-case-adjust-bogus-server", false, true), ("disable-h2-upgrade", true, false),
    ]
    /// Balance algorithms that hash a part of the HTTP request (`BE_LB_NEED_HTTP`).
    static let layer7Algorithms: Set<String> = ["uri", "url_param", "hdr"]
    /// Keywords whose lines HAProxy drops outside http mode.
    static let keywords = ["http-request", "http-response", "http-after-response", "redirect", "stats"]

    static func message(_ what: String, _ proxies: [EffectiveProxy]) -> String {
        let names = proxies.map { "\($0.proxy.kind.rawValue) '\($0.name)'" }
        let listed = names.count > 3 ? names.prefix(2).joined(separator: ", ") + " and \(names.count - 2) more proxies"
            : names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "\(what) is ignored in \(listed): it requires 'mode http'"
    }

    static func logMessage(_ setting: LogFormatSetting, _ proxy: EffectiveProxy) -> String {
        "'\(setting.name)' is not usable in \(proxy.proxy.kind.rawValue) '\(proxy.name)', which is not in http mode: "
            + "HAProxy falls back to 'option tcplog'"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.frontends where proxy.mode == .tcp {
            if let setting = LogFormatSetting.inForce(proxy), setting.isHTTPPreset {
                findings.report(Self.logMessage(setting, proxy), at: setting.line.range)
            }
        }
        // A line of a `defaults` section is ignored in every proxy that inherits it: one finding per line,
        // naming the proxies, rather than one per proxy at the same line.
        var order: [SourceRange] = []
        var byLine: [SourceRange: (what: String, proxies: [EffectiveProxy])] = [:]
        func ignored(_ what: String, at range: SourceRange, in proxy: EffectiveProxy) {
            if byLine[range] == nil { order.append(range); byLine[range] = (what, []) }
            byLine[range]!.proxies.append(proxy)
        }
        for proxy in context.proxies where proxy.mode == .tcp && !Self.upgradesToHTTP(proxy.proxy) {
            let kind = proxy.proxy.kind
            for option in Self.options where (option.frontend && kind.hasFrontend) || (option.backend && kind.hasBackend) {
                guard proxy.option(option.name) == true, let line = proxy.directive("option " + option.name) else { continue }
                ignored("'option \(option.name)'", at: line.range, in: proxy)
            }
            for line in proxy.proxy.directives where line.modifier == nil
                && Self.keywords.contains(where: { line.keyword == $0 || line.keyword.hasPrefix($0 + " ") }) {
                ignored("'\(line.keyword.prefix { $0 != " " })'", at: line.range, in: proxy)
            }
            if kind.hasFrontend, let line = proxy.directive("monitor-uri") {
                ignored("'monitor-uri'", at: line.range, in: proxy)
            }
            if kind.hasBackend, let line = proxy.directive("balance"), let algorithm = line.arguments.first,
               Self.layer7Algorithms.contains(String(algorithm.prefix { $0 != "(" })) {
                ignored("'balance \(algorithm)' (HAProxy falls back to round robin)", at: line.range, in: proxy)
            }
        }
        for range in order {
            let entry = byLine[range]!
            findings.report(Self.message(entry.what, entry.proxies), at: range)
        }
    }

    /// Whether the proxy may switch to HTTP (`tcp-request content switch-mode http`).
    static func upgradesToHTTP(_ proxy: Proxy) -> Bool {
        proxy.rules.contains { $0.hook == "tcp-request content" && $0.action == "switch-mode" }
    }
}
