import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import TLSMaterial

/// Compiles the TLS options of an `ssl` bind into `BindTLS`, after the
/// global defaults, and checks the certificate files, CA files, cipher
/// lists and ALPN names before the engine's TLS library sees them. What the
/// library cannot express is a warning naming the option, and listed as not run.
struct BindTLSCompiler {
    let defaults: TLSBindDefaults
    let proxyName: String

    /// Options the library (BoringSSL through swift-nio-ssl) cannot express.
    static let notRun: [String: String] = [
        "ciphersuites": "BoringSSL, under swift-nio-ssl, fixes the TLS 1.3 suites (TLS_AES_128_GCM_SHA256, "
            + "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) and has no call to choose them",
        "no-tls-tickets": "swift-nio-ssl has no setting for session tickets (SSL_OP_NO_TICKET): tickets stay on",
        "allow-0rtt": "0-RTT is not offered", "ca-ignore-err": "verification errors cannot be ignored",
        "crt-ignore-err": "verification errors cannot be ignored", "no-ca-names": "the CA names are always sent",
        "npn": "NPN is not offered", "ca-verify-file": "a separate verification CA file is not supported",
        "generate-certificates": "certificates are not generated", "ca-sign-file": "certificates are not generated",
        "tls-ticket-keys": "ticket keys cannot be set",
    ]

    func compile(_ bind: Bind, context: inout PlanningContext) -> BindTLS? {
        guard bind.isTLS else { return nil }
        var tls = BindTLS(certificates: [])
        var verify: (ClientVerify, SourceRange)?
        var caFile: (String, SourceRange)?
        for option in defaults.options + bind.options {
            apply(option, to: &tls, verify: &verify, caFile: &caFile, context: &context)
        }
        if case let (path, range)? = caFile {
            if let problem = CAFileCheck.problem(path) { context.error(TLSPlannerMessage.caFile, problem, at: range) }
            tls.caFile = path
        }
        if case let (mode, range)? = verify {
            tls.clientVerify = mode
            if mode != .none, caFile == nil {
                context.error(TLSPlannerMessage.caFile, "verify is enabled but no CA file specified for bind '\(bind.messageName)'",
                              at: range)
            }
        }
        var checked: [BindTLS] = []
        for settings in [tls] + tls.certificates.compactMap({ $0.entrySettings.map(tls.applying) }) where !checked.contains(settings) {
            checked.append(settings)
            // A list no CA of the ca-file signed would refuse every client certificate of its issuer
            // (an unreadable list has its error already).
            guard let crlFile = settings.crlFile, let caFile = settings.caFile, settings.clientVerify != .none,
                  (try? RevocationList.load(crlFile).get()) != nil,
                  case .failure(let problem) = RevocationChecker.load(crlFile: crlFile, caFile: caFile) else { continue }
            context.error(TLSPlannerMessage.caFile, problem.description, at: bind.range)
        }
        for certificate in tls.certificates where certificate.entrySettings != nil {
            let merged = tls.applying(certificate.entrySettings)
            if merged.clientVerify != .none, merged.caFile == nil {
                context.error(TLSPlannerMessage.caFile, "verify is enabled but no CA file specified for the crt-list line of '"
                              + certificate.path + "'", at: bind.range)
            }
        }
        if let maximum = tls.maximumVersion, maximum < tls.minimumVersion {
            context.error(TLSPlannerMessage.version, "ssl-max-ver \(maximum.rawValue) is below ssl-min-ver \(tls.minimumVersion.rawValue)",
                          at: bind.range)
        }
        // A certificate that failed to load has its own error; this one is for a line that names none.
        if tls.certificates.isEmpty, !bind.options.contains(where: { $0.name == "crt" || $0.name == "crt-list" }) {
            let message = "no SSL certificate specified for bind '\(bind.messageName)'"
            if tls.strictSNI {
                context.warning(TLSPlannerMessage.certificate, message + ", ssl connections will fail (use 'crt').", at: bind.range)
            } else {
                context.error(TLSPlannerMessage.certificate, message + " (use 'crt').", at: bind.range)
            }
        }
        return tls
    }

    func apply(_ option: NamedOption, to tls: inout BindTLS, verify: inout (ClientVerify, SourceRange)?,
                       caFile: inout (String, SourceRange)?, context: inout PlanningContext) {
        let value = option.value ?? ""
        switch option.name {
        case "crt":
            tls.certificates += certificates(TLSBindDefaults.resolve(value, base: defaults.crtBase), at: option.range,
                                             context: &context)
        case "crt-list":
            tls.certificates += CrtListReader(compiler: self).entries(value, at: option.range, context: &context)
        case "strict-sni": tls.strictSNI = true
        case "ssl-min-ver", "ssl-max-ver":
            guard let version = version(value, at: option.range, context: &context) else { return }
            if option.name == "ssl-min-ver" { tls.minimumVersion = version } else { tls.maximumVersion = version }
        case "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13":
            excludeVersion(option.name, from: &tls)
        case "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13":
            let version = Self.versionOfFlag(option.name)
            tls.minimumVersion = version
            tls.maximumVersion = version
        case "ciphers":
            let resolution = CipherListResolver.resolve(value)
            if resolution.ciphers.isEmpty {
                context.error(TLSPlannerMessage.ciphers, "unable to set SSL cipher list to '\(value)': the engine's TLS library "
                              + "(BoringSSL) has none of these ciphers", at: option.range)
            } else if !resolution.unmatched.isEmpty {
                context.warning(TLSPlannerMessage.ciphers, "the engine's TLS library (BoringSSL) has no cipher matching '"
                                + resolution.unmatched.joined(separator: "', '") + "'; they are left out", at: option.range)
            }
            tls.ciphers = resolution.ciphers
        case "curves", "ecdhe":
            // A name OpenSSL does not have stops haproxy: the semantic layer's finding.
            if let refused = SemanticFindings.curves(option) {
                context.report(refused)
                return
            }
            let names = option.name == "ecdhe" ? [value] : TLSCurveNames.names(ofList: value)
            let missing = names.filter { TLSCurveName.engineName($0) == nil }
            if !missing.isEmpty {
                notRun(option, reason: "its TLS library (BoringSSL) has no curve '" + missing.joined(separator: "', '")
                       + "' (it has X25519, P-256, P-384 and P-521)", context: &context)
            }
            let usable = names.compactMap(TLSCurveName.engineName)
            if !usable.isEmpty, option.name == "curves" || tls.curves == nil { tls.curves = usable }
        case "alpn":
            let protocols = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if let bad = protocols.first(where: { !Self.isValidALPN($0) }) {
                context.error(TLSPlannerMessage.alpn, "alpn: '\(bad)' is not a protocol name (1 to 255 printable ASCII characters)",
                              at: option.range)
            } else {
                tls.alpn = protocols
            }
        case "ca-file": caFile = (TLSBindDefaults.resolve(value, base: defaults.caBase), option.range)
        case "crl-file":
            let path = TLSBindDefaults.resolve(value, base: defaults.caBase)
            if case .failure(let problem) = RevocationList.load(path) {
                context.error(TLSPlannerMessage.caFile, problem.description, at: option.range)
            }
            tls.crlFile = path
        case "verify":
            guard let mode = ClientVerify(rawValue: value) else {
                context.error(TLSPlannerMessage.verify, "'verify' expects 'none', 'optional' or 'required', not '\(value)'",
                              at: option.range)
                return
            }
            verify = (mode, option.range)
        case "prefer-client-ciphers":
            // BoringSSL always follows the client's order: this is the engine's only behaviour.
            break
        default:
            guard let reason = Self.notRun[option.name] else { return }
            notRun(option, reason: reason, context: &context)
        }
    }

    /// A warning naming an option the engine does not run, and its entry under `unsupported`.
    private func notRun(_ option: NamedOption, reason: String, context: inout PlanningContext) {
        context.warning(TLSPlannerMessage.notRun, "'\(option.name)' is not run by the engine: \(reason)", at: option.range)
        context.unsupportedFeatures.append(UnsupportedFeature(feature: "tls \(option.name)", proxy: proxyName,
                                                              directive: ([option.name] + (option.value.map { [$0] } ?? [])).joined(separator: " "),
                                                              source: SourceRef(option.range)))
    }

    /// The certificates of a `crt` path: one file, or every file of a directory in name order
    /// (without hidden files and `.key`, `.ocsp`, `.issuer`, `.sctl` ones).
    func certificates(_ path: String, filters: [String] = [], excluded: [String] = [], at range: SourceRange,
                      context: inout PlanningContext) -> [TLSCertificate] {
        var isDirectory: ObjCBool = false
        let files: [String]
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let skipped = [".key", ".ocsp", ".issuer", ".sctl"]
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.sorted().filter { name in !name.hasPrefix(".") && !skipped.contains { name.hasSuffix($0) } }
                .map { (path as NSString).appendingPathComponent($0) }
        } else {
            files = [path]
        }
        return files.compactMap { file in
            switch ServedCertificateFile.load(file) {
            case .failure(.unreadable):
                // A file absent here is the checker's `crt-missing` (the plan may be built away from the
                // deployment); the engine refuses to start without it, with HAProxy's message.
                return TLSCertificate(path: file, serverNames: filters, excludedNames: excluded)
            case .failure(let problem):
                context.error(TLSPlannerMessage.certificate, problem.description, at: range)
                return nil
            case .success(let loaded):
                if loaded.notValidAfter < Date() {
                    context.warning(TLSPlannerMessage.expired, "certificate '\(file)' expired on \(loaded.notValidAfter)", at: range)
                }
                return TLSCertificate(path: file, keyPath: loaded.keyPath, serverNames: filters.isEmpty ? loaded.names : filters,
                                      excludedNames: excluded)
            }
        }
    }

    private func version(_ text: String, at range: SourceRange, context: inout PlanningContext) -> TLSProtocolVersion? {
        if text == "SSLv3" {
            context.warning(TLSPlannerMessage.notRun, "SSLv3 is not available in the engine's TLS library; TLSv1.0 is used", at: range)
            return .tls10
        }
        guard let version = TLSProtocolVersion(rawValue: text) else {
            context.error(TLSPlannerMessage.version, "'\(text)' is not a TLS version (SSLv3, TLSv1.0 … TLSv1.3)", at: range)
            return nil
        }
        return version
    }

    static func versionOfFlag(_ flag: String) -> TLSProtocolVersion {
        switch flag.suffix(2) {
        case "13": .tls13
        case "12": .tls12
        case "11": .tls11
        default: .tls10
        }
    }

    /// `no-tlsv1x`: the range shrinks from the end it touches (HAProxy keeps the versions between the holes).
    private func excludeVersion(_ flag: String, from tls: inout BindTLS) {
        let excluded = Self.versionOfFlag(flag)
        if flag == "no-sslv3" { return }
        if excluded == tls.minimumVersion, let next = TLSProtocolVersion.allCases.first(where: { $0 > excluded }) {
            tls.minimumVersion = next
        } else if excluded == (tls.maximumVersion ?? .tls13), let previous = TLSProtocolVersion.allCases.last(where: { $0 < excluded }) {
            tls.maximumVersion = previous
        }
    }

    static func isValidALPN(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

extension Bind {
    /// The line's first address as HAProxy names it in its messages (`127.0.0.1:443`).
    var messageName: String {
        guard let address = addresses.first else { return "" }
        switch address.port {
        case .single(let port)?: return "\(address.host):\(port)"
        case .range(let low, let high)?: return "\(address.host):\(low)-\(high)"
        default: return address.host
        }
    }
}

/// The rule ids of the planner's TLS diagnostics; they share the checker's ids where the checker has one.
enum TLSPlannerMessage {
    static let certificate = RuleID("crt-invalid")
    static let expired = RuleID("crt-expired")
    static let caFile = RuleID("ssl-ca-file-missing")
    static let ciphers = RuleID("ssl-cipher-unknown")
    static let version = RuleID("ssl-version-unknown")
    static let alpn = RuleID("ssl-alpn-invalid")
    /// A `verify` value HAProxy refuses: the checker's own id, which reports it first.
    static let verify = RuleID("invalid-argument")
    static let notRun = RuleID("tls-not-run")
}
