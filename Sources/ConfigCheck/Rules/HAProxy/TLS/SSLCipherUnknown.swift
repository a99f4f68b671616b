import ConfigDiagnostics
import ConfigGrammar
import HAProxyConfig

/// A cipher list or TLS 1.3 cipher-suite list naming what OpenSSL does not know.
struct SSLCipherUnknown: HAProxyRule {
    static let description = RuleDescription(
        id: "ssl-cipher-unknown", severity: .warning, domain: .haproxy,
        summary: "A cipher list names a cipher or keyword that OpenSSL does not know.",
        rationale: """
            `ciphers` and `ssl-default-bind-ciphers`/`ssl-default-server-ciphers` take an OpenSSL cipher string: \
            cipher names (OpenSSL's or the standard TLS_… ones) and keywords such as HIGH, ECDHE, aRSA or \
            kEECDH+AESGCM, with `!`, `-`, `+` and `@STRENGTH`. OpenSSL silently skips an element it does not know, \
            so a typo quietly drops the cipher it meant. Only when nothing in the list is known does haproxy \
            report an ALERT ("unable to set SSL cipher list") and refuse to start; weir then reports an error. \
            `ciphersuites` and the `…-ciphersuites` globals (TLS 1.3) take suite names only, and are judged the \
            same way. Removing an unknown name (`!EXPORT`) changes nothing and is not reported. The names come \
            from Grammar/openssl-ciphers.tsv, made from the installed openssl. `PROFILE=SYSTEM`, the system \
            crypto-policy keyword of RHEL's and Fedora's OpenSSL (RHEL's stock haproxy.cfg sets it), is accepted: \
            whether it works depends on the OpenSSL of the host, not on the text.
            """,
        fix: "Correct the name (`openssl ciphers -v ALL` lists them), or remove it.",
        triggering: [
            .haproxy("""
                global
                    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:↓ECDHE-RSA-AES128-GCM-SHA265:!aNULL
                    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:↓TLS_AES_128_GCM_SHA384

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem" ciphers ↓EECDH-AESGCM
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:kEECDH+aRSA+AESGCM:EDH+AESGCM:HIGH:!aNULL:!MD5:!EXPORT:@STRENGTH
                    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
                    ssl-default-server-ciphers TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:DEFAULT:@SECLEVEL=2

                """),
            .haproxy("""
                global
                    ssl-default-bind-ciphers PROFILE=SYSTEM
                    ssl-default-server-ciphers PROFILE=SYSTEM

                """),
        ])

    static let cipherOptions: Set<String> = ["ciphers"]
    static let cipherGlobals: Set<String> = ["ssl-default-bind-ciphers", "ssl-default-server-ciphers"]
    static let suiteOptions: Set<String> = ["ciphersuites"]
    static let suiteGlobals: Set<String> = ["ssl-default-bind-ciphersuites", "ssl-default-server-ciphersuites"]

    static func unknownCipher(_ name: String) -> String { "OpenSSL knows no cipher or keyword '\(name)'" }
    static func unknownSuite(_ name: String) -> String { "OpenSSL knows no TLS 1.3 cipher suite '\(name)'" }
    static let nothingKnown = DiagnosticNote(message: "nothing in this list is known: haproxy refuses to start")

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let settings = context.tlsSettings(options: Self.cipherOptions.union(Self.suiteOptions),
                                           globals: Self.cipherGlobals.union(Self.suiteGlobals))
        for setting in settings {
            if Self.suiteOptions.contains(setting.name) || Self.suiteGlobals.contains(setting.name) {
                report(CipherString.unknownSuites(of: setting.value), in: setting, message: Self.unknownSuite, &findings)
            } else {
                report(CipherString.unknownElements(of: setting.value), in: setting, message: Self.unknownCipher, &findings)
            }
        }
    }

    private func report(_ result: (unknown: [CipherElement], anyKnown: Bool), in setting: TLSSetting,
                        message: (String) -> String, _ findings: inout Findings) {
        let candidates = CipherTable.kinds.keys.sorted()
        for element in result.unknown {
            let range = setting.range.part(offset: element.offset, length: element.text.utf8.count, of: setting.value)
            var fixIts: [FixIt] = []
            let name = element.text.hasPrefix("+") ? String(element.text.dropFirst()) : element.text
            if let suggestion = Suggestion.closest(to: name, in: candidates), range != setting.range {
                fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range,
                                    replacement: (element.text.hasPrefix("+") ? "+" : "") + suggestion))
            }
            findings.report(message(element.text), at: range, severity: result.anyKnown ? nil : .error,
                            notes: result.anyKnown ? [] : [Self.nothingKnown], fixIts: fixIts)
        }
    }
}
