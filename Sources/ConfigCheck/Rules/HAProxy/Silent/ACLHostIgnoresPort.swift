import ConfigDiagnostics
import HAProxyConfig

/// A Host header compared whole while the frontend listens on a port browsers keep in it.
struct ACLHostIgnoresPort: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-host-ignores-port", severity: .warning, domain: .haproxy,
        summary: "An exact or suffix Host match in a frontend on a non-default port, where the Host header carries the port.",
        rationale: """
            Clients put the port in the Host header whenever it is not the scheme's default: a request to \
            `http://example.com:8080/` carries `Host: example.com:8080`. An exact match (`hdr(host) -i \
            example.com`) or a suffix match (`hdr_end(host) .example.com`) then fails, silently, on every \
            listener other than 80 and 443. Domain, prefix and substring matches (`hdr_dom`, `hdr_beg`, \
            `hdr_sub`) are not affected, nor patterns that contain a port. Only proxies that bind a port other \
            than 80 and 443 are checked.
            """,
        fix: """
            Strip the port before matching: `req.hdr(host),field(1,:) -i example.com` works in every 2.6; \
            `req.hdr(host),host_only` does the same from 2.7 on (and in later 2.6 maintenance releases), IPv6 \
            literals included.
            """,
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :8080
                    acl is_admin ↓hdr(host) -i admin.example.com
                    use_backend admin if is_admin
                    default_backend admin
                backend admin
                    mode http
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :8080
                    acl is_admin req.hdr(host),field(1,:) -i admin.example.com
                    acl is_shop hdr_dom(host) -i shop.example.com
                    use_backend admin if is_admin || is_shop || { hdr(host) -i api.example.com:8080 }
                    default_backend admin
                frontend plain
                    mode http
                    bind :80
                    use_backend admin if { hdr(host) -i admin.example.com }
                    default_backend admin
                backend admin
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ port: Int) -> String {
        "requests to port \(port) carry 'Host: NAME:\(port)', which this exact or suffix match misses"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies where proxy.kind != .backend {
            let ports = proxy.binds.flatMap(\.addresses).compactMap { address -> Int? in
                switch address.port {
                case .single(let port): port
                case .range(let low, _): low
                default: nil
                }
            }
            guard let port = ports.first(where: { $0 != 80 && $0 != 443 }) else { continue }
            for acl in ACLTestSpec.all(in: proxy, of: context, criterion: ACLTestSpec.mayTestHeader)
            where ACLHostCaseSensitive.testsHostText(acl) {
                guard acl.converters.isEmpty else { continue }
                let method = acl.matchMethodName ?? Self.defaultMethod(acl.fetch)
                guard method == "str" || method == "end", !acl.values.isEmpty,
                      !acl.values.contains(where: { $0.text.contains(":") }) else { continue }
                findings.report(Self.message(port), at: acl.criterion.range)
            }
        }
    }

    /// The match method a fetch name implies (`hdr_end` → end).
    static func defaultMethod(_ fetch: String) -> String {
        guard let underscore = fetch.lastIndex(of: "_") else { return "str" }
        return String(fetch[fetch.index(after: underscore)...])
    }
}
