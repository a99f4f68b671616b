import ConfigDiagnostics
import HAProxyConfig

/// A setting left to a default that the target HAProxy version changed.
struct VersionDefaultChanged: HAProxyRule {
    static let description = RuleDescription(
        id: "version-default-changed", severity: .note, domain: .haproxy,
        summary: "A configuration relies on a default that the target HAProxy version changed.",
        rationale: """
            Some defaults changed between releases, so the same configuration behaves differently after an \
            upgrade. This rule notes the two that change what clients get, for the target version \
            (`--target-version`, default 2.6). From 2.6 on (targets 2.6, 2.8, 3.0, 3.2), HAProxy has no \
            default Diffie-Hellman parameters: a cipher list that names DHE ciphers offers them only with \
            `ssl-dh-param-file`, `tune.ssl.default-dh-param` or DH parameters in the certificate file; 2.4 \
            offered them with parameters of its own. From 2.8 on (targets 2.8, 3.0, 3.2), a TLS `bind` of a \
            `mode http` proxy without `alpn`, `npn` or `no-alpn` offers ALPN `h2,http/1.1` (`h3` on a QUIC \
            listener; only while `tune.bufsize` is at least 16384, its default), so clients that can speak \
            HTTP/2 do; 2.4 and 2.6 offer no ALPN there and clients speak HTTP/1.1. Both changes are in \
            HAProxy's own sources (commit "MEDIUM: ssl: Disable DHE ciphers by default" in 2.6, "MEDIUM: \
            config: set useful ALPN defaults for HTTPS and QUIC" in 2.8). The removal of keywords such as \
            `option http-use-htx` (ignored in 2.4, refused from 2.5) is reported by keyword-version.
            """,
        fix: """
            Say what you want explicitly: `alpn h2,http/1.1` or `alpn http/1.1` on the bind line; \
            `ssl-dh-param-file` for DHE, or drop DHE from the list.
            """,
        triggering: [
            .haproxy("""
                global
                    ↓ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256
                frontend web
                    mode http
                    bind :443 ssl crt /etc/haproxy/site.pem alpn h2,http/1.1
                    timeout client 30s
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
                    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256
                    ssl-dh-param-file /etc/haproxy/dhparam.pem
                frontend web
                    mode http
                    bind :443 ssl crt /etc/haproxy/site.pem ciphers ECDHE-RSA-AES128-GCM-SHA256:!DHE
                    timeout client 30s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 30s
                    server a 127.0.0.1:8080

                """),
        ])

    /// The version that stopped shipping default DH parameters.
    static let noDefaultDHParameters = HAProxyVersion(major: 2, minor: 6)
    /// The version that offers `h2,http/1.1` on TLS listeners of HTTP proxies by default.
    static let defaultALPN = HAProxyVersion(major: 2, minor: 8)

    static func dheWithoutParameters(_ target: HAProxyVersion) -> String {
        "HAProxy \(target) has no default DH parameters: the DHE ciphers of this list are offered only with "
            + "'ssl-dh-param-file', 'tune.ssl.default-dh-param' or DH parameters in the certificate file (2.4 had its own)"
    }

    static func defaultALPN(_ target: HAProxyVersion, quic: Bool) -> String {
        quic
            ? "HAProxy \(target) offers ALPN 'h3' on this QUIC listener by default (2.6 offers none); write 'alpn' to choose"
            : "HAProxy \(target) offers ALPN 'h2,http/1.1' on this TLS listener by default, so clients may speak HTTP/2 "
                + "(2.4 and 2.6 offer none: HTTP/1.1 only); write 'alpn' to choose"
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let target = context.environment.targetVersion
        let global = context.configuration.global?.directives ?? []
        if target >= Self.noDefaultDHParameters,
           !global.contains(where: { $0.keyword == "ssl-dh-param-file" || $0.keyword == "tune.ssl.default-dh-param" }) {
            for line in global where line.keyword == "ssl-default-bind-ciphers" && Self.namesDHE(line.arguments.first) {
                findings.report(Self.dheWithoutParameters(target), at: line.range)
            }
            for proxy in context.configuration.proxies {
                for bind in proxy.binds {
                    for option in bind.options where option.name == "ciphers" && Self.namesDHE(option.value) {
                        findings.report(Self.dheWithoutParameters(target), at: option.range)
                    }
                }
            }
        }
        let bufferSize = global.last { $0.keyword == "tune.bufsize" }?.arguments.first.flatMap { Int($0) } ?? 16384
        guard target >= Self.defaultALPN, bufferSize >= 16384 else { return }
        for frontend in context.frontends where frontend.mode == .http {
            for bind in frontend.proxy.binds where bind.isTLS
                && !bind.options.contains(where: { ["alpn", "npn", "no-alpn"].contains($0.name) }) {
                let quic = bind.addresses.contains { $0.prefix?.hasPrefix("quic") == true }
                findings.report(Self.defaultALPN(target, quic: quic), at: bind.range)
            }
        }
    }

    /// Whether an OpenSSL cipher list asks for DHE ciphers (a name or keyword
    /// that is not excluded with `!` or `-`).
    static func namesDHE(_ list: String?) -> Bool {
        guard let list else { return false }
        return list.split(whereSeparator: { ":, ".contains($0) }).contains { item in
            guard let first = item.first, first != "!", first != "-" else { return false }
            let name = item.drop { $0 == "+" }
            return ["DHE", "EDH", "kDHE", "kEDH", "TLS_DHE"].contains { name.hasPrefix($0) }
        }
    }
}
