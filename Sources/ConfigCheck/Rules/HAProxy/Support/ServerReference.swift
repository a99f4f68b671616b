import ConfigDiagnostics
import HAProxyConfig

/// Where configurations name servers: `srv_*` fetches, `use-server` and `track`.
enum ServerReference {
    /// Fetches whose argument is `[BACKEND/]SERVER`.
    static let serverFetches: Set<String> = [
        "srv_conn", "srv_conn_free", "srv_is_up", "srv_iweight", "srv_queue", "srv_sess_rate", "srv_uweight",
        "srv_weight",
    ]

    /// Every call with arguments in a proxy's lines (`nbsrv(app)`, `srv_is_up(app/a)`).
    static func calls(in proxy: Proxy) -> [CallInWord] {
        proxy.directives.filter(\.mayHoldExpressions).flatMap { directive in
            zip(directive.arguments, directive.argumentRanges).flatMap { word, range in
                CallInWord.scanWithArguments(word, at: range).filter { !$0.isConverter }
            }
        }
    }
}
