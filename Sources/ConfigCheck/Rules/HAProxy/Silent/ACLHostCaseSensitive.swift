import ConfigDiagnostics
import HAProxyConfig

/// A Host header match without `-i`.
struct ACLHostCaseSensitive: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-host-case-sensitive", severity: .warning, domain: .haproxy,
        summary: "An ACL compares the Host header case-sensitively (no `-i`).",
        rationale: """
            Host names are case-insensitive (RFC 9110 §4.2.3), and clients send the Host header as the user \
            typed or the link spelt it: `Example.com` and `example.com` are the same site. ACL patterns are \
            compared case-sensitively unless `-i` is given, so `hdr(host) example.com` misses requests for \
            `Example.com` and routes them elsewhere. HAProxy accepts it silently. Matches through the `lower` \
            converter, regular expressions and `-m found`/`-m len` tests are not reported.
            """,
        fix: "Add `-i` before the patterns.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    acl is_admin ↓hdr(host) admin.example.com
                    use_backend admin if is_admin || { ↓hdr_end(Host) .admin.example.com }
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
                    bind :80
                    acl is_admin hdr(host) -i admin.example.com
                    acl has_host req.hdr(host) -m found
                    http-request deny unless has_host
                    use_backend admin if is_admin || { req.hdr(host),lower admin.example.com } || { hdr_dom(host) -m reg ^admin }
                    default_backend admin
                backend admin
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    static let message = "the Host header is compared case-sensitively: 'Example.com' would not match; add -i"

    /// Header fetches whose first argument names the header.
    static let headerFetches: Set<String> = [
        "hdr", "req.hdr", "req.fhdr", "fhdr", "hdr_beg", "hdr_end", "hdr_dom", "hdr_sub", "hdr_dir",
    ]

    /// Whether an ACL tests the Host header's text with patterns.
    static func testsHostText(_ acl: ACLTestSpec) -> Bool {
        guard headerFetches.contains(acl.fetch), acl.fetchArgument?.lowercased() == "host" else { return false }
        if let method = acl.matchMethodName, !["str", "beg", "end", "sub", "dom", "dir"].contains(method) { return false }
        return !acl.values.isEmpty || acl.readsFile
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.proxies {
            for acl in ACLTestSpec.all(in: proxy, of: context, criterion: ACLTestSpec.mayTestHeader)
            where Self.testsHostText(acl) && !acl.ignoresCase {
                guard !acl.converters.contains(where: { $0 == "lower" || $0 == "upper" }) else { continue }
                var insertion = acl.criterion.range
                insertion.start = insertion.end
                let fix = FixIt(message: "compare ignoring case", range: insertion, replacement: " -i")
                findings.report(Self.message, at: acl.criterion.range, fixIts: [fix])
            }
        }
    }
}
