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
        for proxy in context.configuration.proxies {
            for acl in ACLExpression.all(in: proxy, of: context, criterion: { _ in true }) {
                if let method = acl.matchMethod, !Self.matchMethods.contains(method) {
                    findings.report("unknown matching method '\(method)' when parsing ACL expression", at: acl.criterionRange)
                    continue
                }
                guard let method = acl.matchMethod ?? ACLPatternSyntax.defaultMethod(of: acl) else { continue }
                for value in acl.values {
                    if let problem = Self.problem(value.text, method: method) { findings.report(problem, at: value.range) }
                }
                for file in acl.patternFiles {
                    guard let problem = Self.patternFileProblem(file.text, method: method, context: context) else { continue }
                    findings.report(problem, at: file.range)
                }
            }
        }
    }

    /// The names `-m` takes.
    static let matchMethods: Set<String> = ["found", "bool", "int", "ip", "bin", "len", "str", "sub", "reg", "beg", "end",
                                            "dir", "dom"]

    static func problem(_ text: String, method: String) -> String? {
        switch method {
        case "int", "len": ACLPatternSyntax.operators.contains(text) ? nil : ACLPatternSyntax.integerProblem(text)
        case "ip": ACLPatternSyntax.addressProblem(text)
        case "reg": RegexSyntax.problem(in: text).map { RegexInvalid.message(text, $0) }
        default: nil
        }
    }

    /// The first pattern of a `-f` file HAProxy refuses, read as HAProxy reads
    /// the file (one pattern a line, leading and trailing blanks dropped,
    /// blank lines and `#` lines skipped). An unreadable file is
    /// `acl-pattern-file`'s concern.
    static func patternFileProblem(_ path: String, method: String, context: HAProxyCheckContext) -> String? {
        guard ["int", "len", "ip", "reg"].contains(method),
              let data = FileManager.default.contents(atPath: context.environment.resolve(path)) else { return nil }
        var number = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let pattern = line.trimmingCharacters(in: .whitespaces)
            guard !pattern.isEmpty, !pattern.hasPrefix("#") else { continue }
            if let problem = problem(pattern, method: method) { return "\(problem) at line \(number) of '\(path)'" }
        }
        return nil
    }
}
