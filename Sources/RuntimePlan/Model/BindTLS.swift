/// TLS termination on a `bind` line (`ssl crt …`), with the global
/// `ssl-default-bind-*` settings folded in and HAProxy 2.6's defaults
/// applied: TLS 1.2 minimum, no ALPN unless `alpn` is written.
public struct BindTLS: Sendable, Hashable, Codable {
    /// Certificates in load order; the first one is served when no SNI matches.
    public var certificates: [TLSCertificate]
    /// `strict-sni`: a handshake without a matching SNI is refused.
    public var strictSNI: Bool
    public var minimumVersion: TLSProtocolVersion
    public var maximumVersion: TLSProtocolVersion?
    /// `ciphers` resolved to the TLS 1.2 cipher names the engine's TLS library has, in order (nil: library default).
    public var ciphers: [String]?
    /// `curves` with canonical names (`X25519`, `P-256`, `P-384`, `P-521`), nil for the default groups.
    public var curves: [String]?
    /// `alpn` protocols in preference order; empty means no ALPN, as in HAProxy 2.6.
    public var alpn: [String]
    public var clientVerify: ClientVerify
    /// `ca-file`: the certificates that sign client certificates.
    public var caFile: String?
    /// `crl-file`: revoked client certificates.
    public var crlFile: String?

    public init(certificates: [TLSCertificate], strictSNI: Bool = false, minimumVersion: TLSProtocolVersion = .tls12,
                maximumVersion: TLSProtocolVersion? = nil, ciphers: [String]? = nil, curves: [String]? = nil,
                alpn: [String] = [], clientVerify: ClientVerify = .none, caFile: String? = nil, crlFile: String? = nil) {
        self.certificates = certificates
        self.strictSNI = strictSNI
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.ciphers = ciphers
        self.curves = curves
        self.alpn = alpn
        self.clientVerify = clientVerify
        self.caFile = caFile
        self.crlFile = crlFile
    }
}

/// One certificate a TLS bind serves: a PEM file with the certificate, its
/// chain and (here or in `keyPath`) the private key.
public struct TLSCertificate: Sendable, Hashable, Codable {
    /// The PEM file holding the certificate and its chain.
    public var path: String
    /// The file holding the private key when it is not in `path` (HAProxy's `NAME.key`).
    public var keyPath: String?
    /// The server names this certificate answers: a crt-list line's SNI filters, else the
    /// certificate's own CN and DNS names. `*.example.com` covers one label.
    public var serverNames: [String]
    /// Names excluded by a crt-list line's `!name` filters.
    public var excludedNames: [String]
    /// The options of the crt-list line that named this certificate, nil when it has none.
    public var entrySettings: CertificateEntrySettings?

    public init(path: String, keyPath: String? = nil, serverNames: [String], excludedNames: [String] = [],
                entrySettings: CertificateEntrySettings? = nil) {
        self.path = path
        self.keyPath = keyPath
        self.serverNames = serverNames
        self.excludedNames = excludedNames
        self.entrySettings = entrySettings
    }

    /// Whether this certificate answers an SNI name (compared without case).
    public func answers(_ name: String) -> Bool {
        let name = name.lowercased()
        if excludedNames.contains(where: { Self.matches(pattern: $0.lowercased(), name) }) { return false }
        return serverNames.contains { Self.matches(pattern: $0.lowercased(), name) }
    }

    /// An exact name, or a wildcard `*.rest` covering exactly one more label.
    static func matches(pattern: String, _ name: String) -> Bool {
        guard pattern.hasPrefix("*.") else { return pattern == name }
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return false }
        return name[dot...] == pattern.dropFirst()
    }
}

/// A TLS protocol version as HAProxy names it in `ssl-min-ver`/`ssl-max-ver`.
public enum TLSProtocolVersion: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case tls10 = "TLSv1.0", tls11 = "TLSv1.1", tls12 = "TLSv1.2", tls13 = "TLSv1.3"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// `verify none|optional|required` on a bind: whether a client certificate is asked for and needed.
public enum ClientVerify: String, Sendable, Hashable, Codable {
    case none, optional, required
}
