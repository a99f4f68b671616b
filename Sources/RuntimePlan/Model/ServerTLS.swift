/// TLS toward a server (`server … ssl`, `check-ssl`), with HAProxy 2.6's
/// defaults: the certificate is verified (`verify required`) unless
/// `verify none`, no SNI is sent unless `sni` says so.
public struct ServerTLS: Sendable, Hashable, Codable {
    /// `ssl`: requests go over TLS.
    public var traffic: Bool
    /// Health checks go over TLS (`check-ssl`, or `ssl` without a check `port`).
    public var checks: Bool
    /// `verify required`: the server's certificate must chain to `caFile`.
    public var verify: Bool
    public var caFile: String?
    /// `crl-file`: revoked server certificates (checked when verifying).
    public var crlFile: String?
    /// The SNI name sent (`sni str(NAME)`), also the name checked when verifying.
    public var serverName: String?
    /// `verifyhost`: the name the certificate must carry when `sni` does not give it.
    public var verifyHost: String?
    /// The SNI name of health checks (`check-sni`).
    public var checkServerName: String?
    /// `alpn` offered to the server; empty for none.
    public var alpn: [String]
    public var minimumVersion: TLSProtocolVersion?
    public var maximumVersion: TLSProtocolVersion?
    /// `ciphers` resolved to the library's TLS 1.2 cipher names (nil: library default).
    public var ciphers: [String]?
    /// `crt`: the certificate (with its chain and key, or the key in `NAME.key`) presented to the server.
    public var clientCertificate: TLSCertificate?

    public init(traffic: Bool, checks: Bool, verify: Bool = true, caFile: String? = nil, serverName: String? = nil,
                verifyHost: String? = nil, checkServerName: String? = nil, alpn: [String] = [],
                minimumVersion: TLSProtocolVersion? = nil, maximumVersion: TLSProtocolVersion? = nil, ciphers: [String]? = nil) {
        self.traffic = traffic
        self.checks = checks
        self.verify = verify
        self.caFile = caFile
        self.serverName = serverName
        self.verifyHost = verifyHost
        self.checkServerName = checkServerName
        self.alpn = alpn
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.ciphers = ciphers
    }

    /// The name the server's certificate is checked against, when verifying: the SNI, else `verifyhost`.
    public var expectedName: String? { serverName ?? verifyHost }
}
