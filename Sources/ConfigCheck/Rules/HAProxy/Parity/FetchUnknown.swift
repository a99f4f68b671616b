import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A sample expression whose fetch method HAProxy 2.6 does not know.
struct FetchUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "fetch-unknown", severity: .error, domain: .haproxy,
        summary: "A sample expression or ACL uses a fetch method HAProxy 2.6 does not know.",
        rationale: """
            Every sample expression starts with a fetch method (`src`, `req.hdr(host)`, `path`), and an ACL \
            criterion is a fetch or one of the ACL keywords built on one (`path_beg`, `hdr_dom`). HAProxy refuses \
            a name it does not know ("unknown fetch method 'blah' in ACL expression 'blah(arg)'", an ALERT of \
            haproxy -c). Names from Lua (`lua.…`) and from optional device-detection modules are not checked: \
            they exist only when the script or module is loaded.
            """,
        fix: "Correct the name; `haproxy -dKall -q -c -f /dev/null` lists the fetches of the installed HAProxy.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    acl is_api ↓path_begins /api/
                    http-request set-header X-Client ↓%[source]
                    http-request deny if is_api

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    acl is_api path_beg /api/
                    http-request set-header X-Client %[src]
                    http-request set-var(txn.host) req.hdr(host),lower
                    http-request deny if is_api !{ req.hdr(x-token) -m found }

                """),
        ])

    static func message(_ name: String) -> String { "unknown fetch method '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let keywords = SampleKeywords.standard
        for site in context.sampleSites {
            guard case .success(let expressions) = site.parsed else { continue }
            let known = site.kind == .aclCriterion ? keywords.criteria : keywords.fetches
            for expression in expressions where !known.contains(expression.fetch) && !SampleKeywords.isDynamic(expression.fetch) {
                let notes = Suggestion.closest(to: expression.fetch, in: known).map { [DiagnosticNote(message: "did you mean '\($0)'?")] } ?? []
                findings.report(Self.message(expression.fetch), at: site.range, notes: notes)
            }
        }
    }
}
