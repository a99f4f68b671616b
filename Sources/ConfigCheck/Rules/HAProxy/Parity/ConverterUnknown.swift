import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A sample expression with a converter HAProxy 2.6 does not know.
struct ConverterUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "converter-unknown", severity: .error, domain: .haproxy,
        summary: "A sample expression uses a converter HAProxy 2.6 does not know.",
        rationale: """
            Converters follow the fetch method after commas (`req.hdr(host),lower,field(1,:)`). HAProxy refuses a \
            name it does not know ("unknown conv method 'blah'", an ALERT of haproxy -c). Converters registered by \
            Lua (`lua.…`) exist only when the script is loaded and are not checked.
            """,
        fix: "Correct the name; `haproxy -dKall -q -c -f /dev/null` lists the converters of the installed HAProxy.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host ↓%[req.hdr(host),lowercase]
                    http-request deny if { ↓req.hdr(x-id),trim -m found }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host %[req.hdr(host),lower,field(1,:)]
                    http-request deny if { req.hdr(x-id),length -m int 0 }

                """),
        ])

    static func message(_ name: String) -> String { "unknown converter '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let converters = SampleKeywords.standard.converters
        for site in context.sampleSites {
            guard case .success(let expressions) = site.parsed else { continue }
            for name in expressions.flatMap(\.converters) where !converters.contains(name) && !SampleKeywords.isDynamic(name) {
                let notes = Suggestion.closest(to: name, in: converters).map { [DiagnosticNote(message: "did you mean '\($0)'?")] } ?? []
                findings.report(Self.message(name), at: site.range, notes: notes)
            }
        }
    }
}
