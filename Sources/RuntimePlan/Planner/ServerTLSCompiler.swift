import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan
import TLSMaterial

/// Compiles the TLS options of a `server` line (after its `default-server`
/// options) into `ServerTLS`, checking the CA file and cipher list before
/// the engine's TLS library sees them.
struct ServerTLSCompiler {
    let proxyName: String

    /// The server options this compiler reads.
    static let options: Set<String> = [
        "ssl", "no-ssl", "check-ssl", "no-check-ssl", "verify", "ca-file", "crl-file", "sni", "verifyhost", "alpn",
        "check-sni", "no-ssl-reuse", "ssl-reuse", "ssl-min-ver", "ssl-max-ver", "ciphers", "ciphersuites", "check-alpn",
        "no-tls-tickets", "crt",
    ]

    static let notRun: [String: String] = [
        "ciphersuites": "BoringSSL, under swift-nio-ssl, fixes the TLS 1.3 suites and has no call to choose them",
        "check-alpn": "health checks offer no ALPN",
        "no-tls-tickets": "the engine never resumes server sessions, with or without tickets",
    ]

    func compile(_ server: Server, context: inout PlanningContext) -> ServerTLS? {
        let traffic = server.flag("ssl")
        guard traffic || server.flag("check-ssl") else { return nil }
        var tls = ServerTLS(traffic: traffic, checks: server.flag("check-ssl") || (traffic && server.option("port") == nil))
        for option in server.options {
            var value = option.value ?? ""
            switch option.name {
            case "ca-file" where !value.hasPrefix("@"), "crl-file":
                value = TLSBindDefaults.resolve(value, base: context.tlsFileBases.caBase)
            case "crt": value = TLSBindDefaults.resolve(value, base: context.tlsFileBases.crtBase)
            default: break
            }
            switch option.name {
            case "verify":
                guard value == "none" || value == "required" else {
                    context.error(TLSPlannerMessage.verify, "'verify' expects 'none' or 'required', not '\(value)'", at: option.range)
                    continue
                }
                tls.verify = value == "required"
            case "ca-file":
                if let problem = CAFileCheck.problem(value) { context.error(TLSPlannerMessage.caFile, problem, at: option.range) }
                tls.caFile = value
            case "sni", "check-sni":
                guard let name = Self.literalName(value, isCheck: option.name == "check-sni") else {
                    notRun(option, "only a fixed name (`str(NAME)`) is sent as SNI", context: &context)
                    continue
                }
                if option.name == "sni" { tls.serverName = name } else { tls.checkServerName = name }
            case "crl-file":
                if case .failure(let problem) = RevocationList.load(value) {
                    context.error(TLSPlannerMessage.caFile, problem.description, at: option.range)
                }
                tls.crlFile = value
            case "verifyhost": tls.verifyHost = value
            case "alpn":
                let protocols = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if let bad = protocols.first(where: { !BindTLSCompiler.isValidALPN($0) }) {
                    context.error(TLSPlannerMessage.alpn, "alpn: '\(bad)' is not a protocol name (1 to 255 printable ASCII characters)",
                                  at: option.range)
                } else {
                    tls.alpn = protocols
                }
            case "ssl-min-ver", "ssl-max-ver":
                guard let version = TLSProtocolVersion(rawValue: value) else {
                    context.error(TLSPlannerMessage.version, "'\(value)' is not a TLS version (TLSv1.0 … TLSv1.3)", at: option.range)
                    continue
                }
                if option.name == "ssl-min-ver" { tls.minimumVersion = version } else { tls.maximumVersion = version }
            case "ciphers":
                let resolution = CipherListResolver.resolve(value)
                if resolution.ciphers.isEmpty {
                    context.error(TLSPlannerMessage.ciphers, "unable to set SSL cipher list to '\(value)': the engine's TLS library "
                                  + "(BoringSSL) has none of these ciphers", at: option.range)
                }
                tls.ciphers = resolution.ciphers
            case "crt":
                switch ServedCertificateFile.load(value) {
                case .failure(.unreadable):
                    // Absent here is the checker's `crt-missing`; the engine refuses to start without it.
                    tls.clientCertificate = TLSCertificate(path: value, serverNames: [])
                case .failure(let problem):
                    context.error(TLSPlannerMessage.certificate, problem.description, at: option.range)
                case .success(let loaded):
                    tls.clientCertificate = TLSCertificate(path: value, keyPath: loaded.keyPath, serverNames: [])
                }
            default:
                if let reason = Self.notRun[option.name] { notRun(option, reason, context: &context) }
            }
        }
        if tls.verify, let crlFile = tls.crlFile, let caFile = tls.caFile, (try? RevocationList.load(crlFile).get()) != nil,
           case .failure(let problem) = RevocationChecker.load(crlFile: crlFile, caFile: caFile) {
            context.error(TLSPlannerMessage.caFile, problem.description, at: server.range)
        }
        if tls.verify, tls.caFile == nil {
            context.error(TLSPlannerMessage.caFile, "server '\(server.name)': verify is enabled by default but no CA file specified. "
                          + "If you're running on a LAN where you're certain to trust the server's certificate, please set an "
                          + "explicit 'verify none' statement on the 'server' line.", at: server.range)
        }
        return tls
    }

    /// The name of `str(NAME)`; a check also takes a bare name (`check-sni` is a string, not an expression).
    static func literalName(_ expression: String, isCheck: Bool) -> String? {
        if expression.hasPrefix("str("), expression.hasSuffix(")") {
            let name = String(expression.dropFirst(4).dropLast())
            return name.isEmpty ? nil : name
        }
        return isCheck && !expression.isEmpty && !expression.contains("(") ? expression : nil
    }

    private func notRun(_ option: NamedOption, _ reason: String, context: inout PlanningContext) {
        context.warning(TLSPlannerMessage.notRun, "'\(option.name)' is not run by the engine: \(reason)", at: option.range)
        context.unsupportedFeatures.append(UnsupportedFeature(feature: "tls \(option.name)", proxy: proxyName,
                                                              directive: ([option.name] + (option.value.map { [$0] } ?? [])).joined(separator: " "),
                                                              source: SourceRef(option.range)))
    }
}
