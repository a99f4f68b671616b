import ConfigDiagnostics
import ConfigValues
import HAProxyConfig

/// The network after `except` on `option forwardfor` or `option originalto` is not one.
struct ForwardforExceptInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "forwardfor-except-invalid", severity: .error, domain: .haproxy,
        summary: "`option forwardfor except` or `option originalto except` is not followed by an address with an optional mask.",
        rationale: """
            `except` names the clients that get no header: an IPv4 or IPv6 address with an optional mask \
            (`127.0.0.0/8`, `10.0.0.0/255.0.0.0`, `::1/128`). HAProxy refuses anything else ("'option forwardfor \
            except' expects <address>[/mask] as argument"): a missing value, an empty address (`/`), a mask past 32 \
            (128 for IPv6), a trailing `/`. Addresses are read as the engine reads them (`10.1` is 10.0.0.1, a \
            leading 0 is octal); a host name is resolved by HAProxy when it starts and left alone here, but \
            `weir compile` refuses it, since the engine does not resolve names.
            """,
        fix: "Write the network with digits (`except 127.0.0.0/8`), or remove `except` and its value.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    option forwardfor except ↓/
                    option originalto except ↓10.0.0.0/33
                    default_backend app
                backend app
                    ↓option forwardfor except
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
                    option forwardfor except 127.0.0.0/8 header X-Client if-none
                    option originalto except 10.0.0.0/255.0.0.0
                    default_backend app
                backend app
                    option forwardfor except ::1/128
                    server a 127.0.0.1:9000

                """),
        ])

    static let keywords = ["option forwardfor", "option originalto"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for keyword in Self.keywords where context.vocabulary.uses(keyword: keyword) {
            for proxy in context.configuration.defaults + context.configuration.proxies {
                for directive in proxy.directives(keyword) where directive.modifier == nil {
                    check(directive, keyword: keyword, &findings)
                }
            }
        }
    }

    private func check(_ directive: Directive, keyword: String, _ findings: inout Findings) {
        var index = 0
        let arguments = directive.arguments
        while index < arguments.count {
            switch arguments[index] {
            case "except":
                guard index + 1 < arguments.count else {
                    findings.report("'\(keyword) except' needs an address with an optional mask", at: directive.range)
                    return
                }
                if NetworkText.read(arguments[index + 1]) == .invalid {
                    let range = index + 1 < directive.argumentRanges.count ? directive.argumentRanges[index + 1] : directive.range
                    findings.report("'\(keyword) except' expects an address with an optional mask, not '\(arguments[index + 1])'",
                                    at: range)
                }
                index += 2
            case "header": index += 2
            default: index += 1
            }
        }
    }
}
