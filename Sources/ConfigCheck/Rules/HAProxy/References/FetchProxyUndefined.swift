import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A fetch argument naming a backend or frontend that does not exist.
struct FetchProxyUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "fetch-proxy-undefined", severity: .error, domain: .haproxy,
        summary: "A fetch such as `nbsrv(NAME)`, `be_conn(NAME)`, `fe_conn(NAME)` or `srv_is_up(NAME/server)` names a missing proxy.",
        rationale: """
            Fetches about a backend (`nbsrv`, `be_conn`, `be_conn_free`, `be_sess_rate`, `avg_queue`, `queue`, \
            `connslots`), a frontend (`fe_conn`, `fe_req_rate`, `fe_sess_rate`) or a server \
            (`srv_is_up(BACKEND/SERVER)` and the other `srv_*`) resolve their argument when haproxy starts. A \
            name that matches no proxy of that kind makes it refuse to start ("unable to find backend 'NAME' \
            referenced in arg 1 of ACL keyword 'nbsrv'"). A `listen` section counts as both.
            """,
        fix: "Correct the name.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request return status 503 if { nbsrv(↓ap) lt 1 } || { srv_is_up(↓apps/a) -m bool }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080 check

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    http-request return status 503 if { nbsrv(app) lt 1 } || { fe_conn(web) gt 1000 }
                    http-request set-header X-Up %[srv_is_up(app/a)]
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080 check

                """),
        ])

    static func message(_ kind: String, _ name: String, _ fetch: String) -> String {
        "no \(kind) named '\(name)' (argument of '\(fetch)')"
    }

    static let backendFetches: Set<String> = [
        "avg_queue", "be_conn", "be_conn_free", "be_sess_rate", "connslots", "nbsrv", "queue",
    ]
    static let frontendFetches: Set<String> = ["fe_conn", "fe_req_rate", "fe_sess_rate"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let proxies = context.configuration.proxies
        let backends = Set(proxies.filter { $0.kind.hasBackend }.compactMap(\.name))
        let frontends = Set(proxies.filter { $0.kind.hasFrontend }.compactMap(\.name))
        for proxy in context.allProxies {
            for call in context.calls(of: proxy) {
                guard let argument = call.arguments.first, !argument.isEmpty, !argument.contains("%") else { continue }
                var kind = "backend"
                var candidates = backends
                var name = argument
                var range = call.argumentRanges[0]
                if Self.frontendFetches.contains(call.name) {
                    kind = "frontend"
                    candidates = frontends
                } else if ServerReference.serverFetches.contains(call.name) {
                    guard let slash = argument.firstIndex(of: "/") else { continue }
                    name = String(argument[..<slash])
                    range = range.slice(of: argument, from: 0, to: name.utf8.count)
                } else if !Self.backendFetches.contains(call.name) {
                    continue
                }
                guard !candidates.contains(name) else { continue }
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: name, in: candidates) {
                    fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
                }
                findings.report(Self.message(kind, name, call.name), at: range, fixIts: fixIts)
            }
        }
    }
}
