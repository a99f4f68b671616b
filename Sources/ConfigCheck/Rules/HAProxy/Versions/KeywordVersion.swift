import ConfigDiagnostics
import HAProxyConfig

/// A keyword, option, HTTP rule action, fetch or converter the target HAProxy
/// version does not have, or deprecates.
struct KeywordVersion: HAProxyRule {
    static let description = RuleDescription(
        id: "keyword-version", severity: .error, domain: .haproxy,
        summary: "A keyword, option, HTTP rule action, fetch or converter that the target HAProxy version lacks or deprecates.",
        rationale: """
            Applies to every target version (`weir lint --target-version 2.4|2.6|2.8|3.0|3.2`, default 2.6 or \
            `target-version` in .weir.yaml). Keywords come and go between releases: `option http-use-htx` is \
            deprecated in 2.4 and gone in 2.5, `bind-process` and the bind option `process` are deprecated in 2.5 \
            and gone in 2.7, `nbproc` is gone in 2.5, `option transparent` and `dispatch` are deprecated in 3.3, \
            and new ones (the `host_only` converter, `quic-force-retry`, the `http-request pause` action of 3.2) \
            arrive. HAProxy refuses a keyword its \
            version does not know (an error) and warns about a deprecated one (a warning here). The versions \
            come from Grammar/haproxy-versions.tsv, generated from HAProxy's own keyword registrations at each \
            release tag from 2.4 to 3.3. A name that no version knows is reported by unknown-keyword, \
            unknown-bind-option, unknown-server-option, fetch-unknown or converter-unknown instead; those \
            rules stay silent about a name the target knows and name the versions that have one it lacks.
            """,
        fix: "Use the replacement the target version documents, or target the version the configuration is written for.",
        triggering: [
            .haproxy("""
                global
                    maxconn 1000
                frontend web
                    mode http
                    bind :80 ↓process 1
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    ↓http-request pause 1s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 1000
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host %[req.hdr(host),lower]
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080 check

                """),
        ])

    /// The target lacks the name, which `span`'s versions have.
    static func missing(_ kind: KeywordVersions.Kind, _ name: String, target: HAProxyVersion,
                        _ span: KeywordVersions.Span) -> String {
        "\(kind.noun) '\(name)' is not in HAProxy \(target): \(otherVersions(span))"
    }

    /// The target has the name but warns that it is deprecated.
    static func deprecated(_ kind: KeywordVersions.Kind, _ name: String, target: HAProxyVersion,
                           _ span: KeywordVersions.Span) -> String {
        let since = span.deprecated.map { $0 < target ? " (since \($0))" : "" } ?? ""
        let removal = span.last.map { " and removed after \($0)" } ?? ""
        return "\(kind.noun) '\(name)' is deprecated in HAProxy \(target)\(since)\(removal)"
    }

    /// Which versions have a name.
    static func otherVersions(_ span: KeywordVersions.Span) -> String { "HAProxy \(span.versions) has it" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let judge = Judge(target: context.environment.targetVersion, versions: .standard)
        for line in context.configuration.global?.directives ?? [] {
            judge.check(String(line.keyword.prefix { $0 != " " }), .global, at: line.range, &findings)
        }
        for proxy in context.allProxies {
            for line in proxy.directives {
                let space = line.keyword.utf8.firstIndex(of: UInt8(ascii: " "))
                let first = space.map { String(line.keyword[..<$0]) } ?? line.keyword
                if first == "option" {
                    // An option the grammar does not know keeps its name as the first argument.
                    guard let name = space.map({ String(line.keyword[line.keyword.index(after: $0)...]) }) ?? line.arguments.first
                    else { continue }
                    judge.check(name, .option, at: line.range, &findings)
                } else {
                    judge.check(first, .proxy, at: line.range, &findings)
                    if first.hasPrefix("http-") || first.hasPrefix("tcp-"),
                       let family = KeywordVersions.Kind(rawValue: first), !family.isCheckedByGrammar,
                       let action = Self.actionWord(family, line.keyword.split(separator: " ").dropFirst().map(String.init)
                                                    + line.arguments) {
                        judge.check(action: action, family, at: line.range, &findings)
                    }
                }
            }
            for bind in proxy.binds {
                for option in bind.options { judge.check(option.name, .bind, at: option.range, &findings) }
            }
            for server in proxy.servers {
                for option in server.options { judge.check(option.name, .server, at: option.range, &findings) }
            }
            for option in proxy.defaultServer?.options ?? [] { judge.check(option.name, .server, at: option.range, &findings) }
        }
        for site in context.sampleSites {
            guard case .success(let expressions) = site.parsed else { continue }
            for expression in expressions {
                judge.check(expression.fetch, .fetch, at: site.range, &findings)
                for name in expression.converters { judge.check(name, .converter, at: site.range, &findings) }
            }
        }
    }

    /// The action or step word of a rule line, from the words after its keyword: the first one, or for TCP
    /// rules the one after the rule set (`tcp-request content set-var(txn.x) …`); nil for `inspect-delay`.
    static func actionWord(_ family: KeywordVersions.Kind, _ words: [String]) -> String? {
        guard family == .tcpRequest || family == .tcpResponse else { return words.first }
        guard let set = words.first, ["connection", "session", "content"].contains(set) else { return nil }
        return words.dropFirst().first
    }

    /// Reports one name against the target version.
    private struct Judge {
        let target: HAProxyVersion
        let versions: KeywordVersions

        func check(_ name: String, _ kind: KeywordVersions.Kind, at range: SourceRange, _ findings: inout Findings) {
            guard let span = versions.span(of: name, kind) else { return }
            if span.isDeprecated(in: target) {
                findings.report(KeywordVersion.deprecated(kind, name, target: target, span), at: range, severity: .warning)
            } else if !span.contains(target), span.contains(.standard) || !kind.isCheckedByGrammar {
                // A name 2.6 lacks that the grammar checks was reported while reading, with the versions that have it.
                findings.report(KeywordVersion.missing(kind, name, target: target, span), at: range)
            }
        }

        /// Checks the action of a rule or the step of a check: `set-var(txn.x)` is `set-var`, `track-sc0` and
        /// `sc-inc-gpc0(0)` are registered as `track-sc` and `sc-inc-gpc0` (matched by prefix).
        func check(action word: String, _ family: KeywordVersions.Kind, at range: SourceRange, _ findings: inout Findings) {
            let name = String(word.prefix { $0 != "(" })
            guard !SampleKeywords.isDynamic(name) else { return }
            let unnumbered = String(name.reversed().drop(while: \.isNumber).reversed())
            check(versions.span(of: name, family) == nil ? unnumbered : name, family, at: range, &findings)
        }
    }
}
