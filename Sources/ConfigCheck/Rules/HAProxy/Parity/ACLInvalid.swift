import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// An ACL pattern HAProxy refuses: a number, an address or a regular expression that does not parse.
struct ACLInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "acl-invalid", severity: .error, domain: .haproxy,
        summary: "An ACL's patterns cannot be compiled (an invalid regular expression, address or number).",
        rationale: """
            HAProxy parses every ACL pattern with its match method when it starts and refuses the configuration \
            when one does not parse: `'80x' is not a number`, `'10.0.0.300' is not a valid IPv4 or IPv6 \
            address`, `regex '^/old(/' is invalid`. The match method is the one given with `-m`, else the ACL \
            keyword's (`path_reg` matches with `reg`), else the one for the type the fetch or its last converter \
            returns (`dst_port` is an integer, `src` an address). Integers are checked as HAProxy reads them \
            (`80`, `80:90`, `:90`, `1024:`, after `eq`/`ge`/`gt`/`le`/`lt`), addresses written with digits \
            (`10.0.0.0/8`, `::1`; a host name is resolved by HAProxy at start-up and left alone), regular \
            expressions for what PCRE always refuses (see `regex-invalid`). The patterns of a `-f` file are \
            checked too, line by line, and reported at the file's name with the line. `weir compile` also reports \
            patterns its engine cannot compile under this id.
            """,
        fix: "Correct the pattern.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    acl legacy path_reg ↓^/old(/
                    acl office src 10.0.0.0/8 ↓10.1.0.300
                    acl admin_port dst_port ↓80x
                    http-request deny if legacy || office admin_port || { hdr_cnt(x-forwarded-for) gt ↓1.5 }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    acl legacy path_reg ^/old(/|$)
                    acl office src 10.0.0.0/8 192.168.1.0/255.255.255.0 ::1 fe80::/10 localhost
                    acl high_ports dst_port 1024: 8000-8100 :80
                    acl short path -m len le 4
                    http-request deny if legacy || office high_ports || short || { hdr_cnt(x-forwarded-for) gt 1 }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let readFile = { (path: String) -> String? in
            FileManager.default.contents(atPath: context.environment.resolve(path)).map { String(decoding: $0, as: UTF8.self) }
        }
        for proxy in context.configuration.proxies {
            for acl in ACLTestSpec.all(in: proxy, of: context, criterion: { _ in true }) {
                for problem in acl.patternProblems(readFile: readFile) { findings.report(problem.message, at: problem.range) }
            }
        }
    }
}
