import ConfigDiagnostics
import HAProxyConfig

/// A global `maxconn` lower than the frontends' limits added up.
struct GlobalMaxconnBelowFrontends: HAProxyRule {
    static let description = RuleDescription(
        id: "global-maxconn-below-frontends", severity: .note, domain: .haproxy,
        summary: "The global `maxconn` is lower than the sum of the frontends' `maxconn`.",
        rationale: """
            The global `maxconn` caps the connections of the whole process; each frontend's `maxconn` (or the \
            one of its defaults) caps its own. When the frontends' limits add up to more than the global one, \
            the global limit is reached first: one busy frontend can take every connection and leave the others, \
            the stats page included, unable to accept any, although none reached its own limit; a single \
            frontend above the global limit never reaches its own. HAProxy's documentation asks that a frontend's \
            value not exceed the global one, but checks neither that nor the sum. It is a note: RHEL's stock \
            configuration (global 4000, defaults 3000 for every frontend) trips it on purpose.
            """,
        fix: "Raise the global `maxconn` to at least the sum, or lower the frontends' limits.",
        triggering: [
            .haproxy("""
                global
                    maxconn ↓20000
                defaults
                    maxconn 10000
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend http_in
                    bind :80
                    default_backend app
                frontend https_in
                    bind :443
                    default_backend app
                listen stats
                    bind :8404
                    maxconn 100
                    server a 127.0.0.1:9000
                backend app
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                global
                    maxconn ↓1000
                defaults
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind :80
                    maxconn 40000
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 50000
                defaults
                    maxconn 10000
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend http_in
                    bind :80
                    default_backend app
                frontend https_in
                    bind :443
                    default_backend app
                backend app
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ global: Int, _ limits: [(name: String, maxconn: Int)]) -> String {
        if limits.count == 1 {
            return "global maxconn \(global) is below the maxconn \(limits[0].maxconn) of '\(limits[0].name)'"
        }
        let sum = limits.reduce(0) { $0 + $1.maxconn }
        return "global maxconn \(global) is below the \(sum) connections that \(limits.count) frontends may accept together"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let global = context.configuration.global, let limit = global.maxconn,
              let line = global.directives.last(where: { $0.keyword == "maxconn" }),
              let range = line.argumentRanges.first else { return }
        let limits = context.frontends.compactMap { proxy -> (name: String, maxconn: Int)? in
            guard let maxconn = ([proxy.proxy] + proxy.chain).lazy.compactMap(\.maxconn).first, maxconn > 0 else { return nil }
            return (proxy.name, maxconn)
        }
        guard limits.reduce(0, { $0 + $1.maxconn }) > limit else { return }
        findings.report(Self.message(limit, limits), at: range)
    }
}
