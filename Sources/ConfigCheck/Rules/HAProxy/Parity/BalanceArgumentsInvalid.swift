import ConfigDiagnostics
import HAProxyConfig

/// A `balance` algorithm without the arguments it needs, or with ones it does not take.
struct BalanceArgumentsInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "balance-arguments-invalid", severity: .error, domain: .haproxy,
        summary: "A `balance` algorithm lacks what it hashes (`url_param NAME`, `hash EXPR`) or has a parameter it does not take.",
        rationale: """
            Some algorithms need to know what to hash: `url_param` the parameter's name, `hash` a sample \
            expression. Their parameters are fixed: `url_param NAME [check_post]`, `hash EXPR` alone, `uri` with \
            `len N`, `depth N`, `path-only` and `whole`, `hdr(NAME)` with `use_domain_only`. HAProxy refuses \
            anything else (\"balance url_param requires an URL parameter name\").
            """,
        fix: "Give the algorithm what it needs (`balance url_param userid`), or remove the unknown parameter.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend by_user
                    balance ↓url_param
                    server a 127.0.0.1:8080
                backend by_uri
                    balance uri ↓lenght 5
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                backend by_user
                    balance url_param userid check_post
                    server a 127.0.0.1:8080
                backend by_uri
                    balance uri len 5 depth 2 whole
                    server a 127.0.0.1:8080
                backend by_host
                    balance hdr(host) use_domain_only
                    server a 127.0.0.1:8080
                backend by_expr
                    balance hash req.cook(session)
                    server a 127.0.0.1:8080

                """),
        ])

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for line in proxy.directives where line.keyword == "balance" && !line.arguments.isEmpty {
                if let (problem, index) = Self.problem(line.arguments) {
                    findings.report(problem, at: line.argumentRanges[index])
                }
            }
        }
    }

    /// What HAProxy says of the arguments, with the word it is about.
    static func problem(_ words: [String]) -> (String, Int)? {
        let algorithm = words[0]
        switch algorithm {
        case "url_param":
            if words.count < 2 { return ("balance url_param needs the name of the URL parameter to hash", 0) }
            if words.count > 2, words[2] != "check_post" { return ("balance url_param takes only 'check_post' after the name", 2) }
        case "hash":
            if words.count < 2 { return ("balance hash needs a sample expression to hash", 0) }
            if words.count > 2 { return ("balance hash takes nothing after its expression", 2) }
        case "uri":
            var index = 1
            while index < words.count {
                switch words[index] {
                case "len", "depth":
                    guard index + 1 < words.count, Int(words[index + 1]) != nil else {
                        return ("'\(words[index])' needs a number", index)
                    }
                    index += 2
                case "path-only", "whole":
                    index += 1
                default:
                    return ("balance uri takes only 'len', 'depth', 'path-only' and 'whole', not '\(words[index])'", index)
                }
            }
        default:
            if algorithm.hasPrefix("hdr("), words.count > 1, words[1] != "use_domain_only" {
                return ("balance hdr() takes only 'use_domain_only', not '\(words[1])'", 1)
            }
        }
        return nil
    }
}
