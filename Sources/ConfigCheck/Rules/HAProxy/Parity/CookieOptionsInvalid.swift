import ConfigDiagnostics
import HAProxyConfig

/// A `cookie` line whose options HAProxy refuses (an unknown one, modes that exclude each other, a bad attribute)
/// or warns about (a domain without a dot).
struct CookieOptionsInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "cookie-options-invalid", severity: .error, domain: .haproxy,
        summary: "A `cookie` line has an option HAProxy does not know, modes that exclude each other, or an attribute or domain it refuses or warns about.",
        rationale: """
            `cookie <name>` takes at most one of `rewrite`, `insert` and `prefix`; `rewrite` and `indirect` \
            exclude each other; its other options are `nocache`, `postonly`, `preserve`, `httponly`, `secure`, \
            `domain`, `maxidle`, `maxlife`, `dynamic` and `attr`. HAProxy refuses the configuration on anything \
            else, and on an `attr` value with a control character or `;`. A `domain` without an embedded dot \
            (`domain localhost`) makes browsers drop the cookie (RFC 6265 5.2.3): HAProxy starts but warns, and \
            so does weir.
            """,
        fix: "Keep one of `insert`, `prefix` and `rewrite`, and write the options as the manual lists them.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    default_backend app
                backend app
                    ↓cookie SRV rewrite insert
                    server a 127.0.0.1:9000 cookie a
                backend other
                    cookie SRV insert ↓sticky
                    server b 127.0.0.1:9001 cookie b
                backend third
                    cookie SRV insert domain ↓localhost
                    server c 127.0.0.1:9002 cookie c

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
                    default_backend app
                backend app
                    cookie SRV insert indirect nocache httponly secure domain .example.com maxidle 30m attr SameSite=Lax
                    server a 127.0.0.1:9000 cookie a

                """),
        ])

    /// The options that stand alone, and those followed by a value.
    static let flags: Set<String> = ["rewrite", "insert", "prefix", "indirect", "nocache", "postonly", "preserve",
                                     "httponly", "secure", "dynamic"]
    static let valued: Set<String> = ["domain", "maxidle", "maxlife", "attr"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives("cookie") where line.modifier == nil && line.arguments.count > 1 {
                check(line, &findings)
            }
        }
    }

    private func check(_ line: Directive, _ findings: inout Findings) {
        let words = line.arguments
        var modes: [String] = []
        var index = 1
        while index < words.count {
            let word = words[index]
            if Self.flags.contains(word) {
                modes.append(word)
                index += 1
                continue
            }
            guard Self.valued.contains(word) else {
                findings.report("'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect', 'nocache', 'postonly', "
                                + "'preserve', 'httponly', 'secure', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' "
                                + "options, not '\(word)'", at: line.argumentRanges[index])
                return
            }
            guard index + 1 < words.count else { return }  // a missing value is missing-argument's
            let value = words[index + 1]
            if word == "domain", !value.contains(".") {
                findings.report("domain '\(value)' contains no embedded dot, this configuration may not work properly "
                                + "(see RFC6265#5.2.3)", at: line.argumentRanges[index + 1], severity: .warning)
            }
            if word == "attr", let bad = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == ";" }) {
                let hex = String(bad.value, radix: 16, uppercase: true)
                findings.report("character '%x\(hex.count < 2 ? "0" + hex : hex)' is not permitted in attribute value",
                                at: line.argumentRanges[index + 1])
                return
            }
            index += 2
        }
        let exclusive = Set(modes.filter { ["rewrite", "insert", "prefix"].contains($0) })
        if modes.contains("rewrite"), modes.contains("indirect") {
            findings.report("cookie 'rewrite' and 'indirect' modes are incompatible", at: line.range)
        } else if exclusive.count > 1 {
            findings.report("cookie 'rewrite', 'insert' and 'prefix' modes are incompatible", at: line.range)
        }
    }
}
