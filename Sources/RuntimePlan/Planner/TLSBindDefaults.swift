import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// The `global` TLS settings every `ssl` bind starts from:
/// `ssl-default-bind-options`, `-ciphers`, `-ciphersuites`, `-curves`, and
/// the `crt-base` and `ca-base` directories relative file names start at.
struct TLSBindDefaults {
    /// Options as if written on each bind line (`ssl-min-ver TLSv1.2`, `no-tls-tickets`), with the global line's range.
    var options: [NamedOption] = []
    var crtBase: String?
    var caBase: String?

    static let keywords: Set<String> = [
        "ssl-default-bind-options", "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites",
        "ssl-default-bind-curves", "crt-base", "ca-base",
    ]

    init(_ global: GlobalSettings?, context: inout PlanningContext) {
        for directive in global?.directives ?? [] where Self.keywords.contains(directive.keyword) {
            context.markHandled(directive.range)
            let words = directive.arguments
            switch directive.keyword {
            case "crt-base": crtBase = words.first
            case "ca-base": caBase = words.first
            case "ssl-default-bind-options":
                var index = 0
                while index < words.count {
                    let takesValue = ["ssl-min-ver", "ssl-max-ver"].contains(words[index]) && index + 1 < words.count
                    options.append(NamedOption(name: words[index], value: takesValue ? words[index + 1] : nil,
                                               range: directive.range))
                    index += takesValue ? 2 : 1
                }
            default:
                // ssl-default-bind-ciphers → ciphers, and so on.
                let name = String(directive.keyword.dropFirst("ssl-default-bind-".count))
                options.append(NamedOption(name: name, value: words.first, range: directive.range))
            }
        }
    }

    init() {}

    /// A relative path resolved against a base directory, as HAProxy does.
    static func resolve(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty, !path.hasPrefix("/") else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
