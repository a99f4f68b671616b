import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// `http_auth(NAME)` or `http_auth_group(NAME)` naming no userlist.
struct UserlistUndefined: HAProxyRule {
    static let description = RuleDescription(
        id: "userlist-undefined", severity: .error, domain: .haproxy,
        summary: "An `http_auth` or `http_auth_group` fetch names a `userlist` that does not exist.",
        rationale: """
            `http_auth(NAME)` checks the request's credentials against the users of `userlist NAME`. When \
            no such section exists, haproxy refuses to start ("unable to find userlist 'NAME' referenced in \
            arg 1 of ACL keyword 'http_auth'").
            """,
        fix: "Correct the name, or declare the `userlist` section.",
        triggering: [
            .haproxy("""
                userlist admins
                    user alice password $5$rounds=5000$salt$hash
                frontend web
                    mode http
                    bind :80
                    acl authorised http_auth(↓admin)
                    http-request auth unless authorised
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                userlist admins
                    user alice password $5$rounds=5000$salt$hash
                frontend web
                    mode http
                    bind :80
                    http-request auth unless { http_auth(admins) }
                    default_backend app
                backend app
                    mode http
                    server a 127.0.0.1:8080

                """),
        ])

    static func message(_ name: String) -> String { "no userlist named '\(name)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let lists = context.configuration.userlists.map(\.name)
        for proxy in context.configuration.proxies {
            for directive in proxy.directives where directive.mayHoldExpressions {
                for (index, word) in directive.arguments.enumerated() {
                    for call in CallInWord.scanWithArguments(word, at: directive.argumentRanges[index])
                    where call.name == "http_auth" || call.name == "http_auth_group" {
                        guard let name = call.arguments.first, !name.isEmpty, !lists.contains(name) else { continue }
                        let range = call.argumentRanges[0]
                        var fixIts: [FixIt] = []
                        if let suggestion = Suggestion.closest(to: name, in: lists) {
                            fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
                        }
                        findings.report(Self.message(name), at: range, fixIts: fixIts)
                    }
                }
            }
        }
    }
}
