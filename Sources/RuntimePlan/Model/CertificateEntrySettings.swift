/// The options of one crt-list line (`cert.pem [alpn h2 ssl-min-ver TLSv1.3] name`):
/// each one written replaces the bind's own for handshakes that select this
/// certificate by SNI; nil keeps the bind's.
public struct CertificateEntrySettings: Sendable, Hashable, Codable {
    public var alpn: [String]?
    public var minimumVersion: TLSProtocolVersion?
    public var maximumVersion: TLSProtocolVersion?
    /// `ciphers` resolved to the library's TLS 1.2 cipher names.
    public var ciphers: [String]?
    /// `curves`/`ecdhe` with canonical names.
    public var curves: [String]?
    public var clientVerify: ClientVerify?
    public var caFile: String?
    public var crlFile: String?

    public init(alpn: [String]? = nil, minimumVersion: TLSProtocolVersion? = nil, maximumVersion: TLSProtocolVersion? = nil,
                ciphers: [String]? = nil, curves: [String]? = nil, clientVerify: ClientVerify? = nil, caFile: String? = nil,
                crlFile: String? = nil) {
        self.alpn = alpn
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
        self.ciphers = ciphers
        self.curves = curves
        self.clientVerify = clientVerify
        self.caFile = caFile
        self.crlFile = crlFile
    }
}

extension BindTLS {
    /// The bind's settings with a crt-list line's options in place of its own.
    public func applying(_ entry: CertificateEntrySettings?) -> BindTLS {
        guard let entry else { return self }
        var merged = self
        if let alpn = entry.alpn { merged.alpn = alpn }
        if let minimum = entry.minimumVersion { merged.minimumVersion = minimum }
        if let maximum = entry.maximumVersion { merged.maximumVersion = maximum }
        if let ciphers = entry.ciphers { merged.ciphers = ciphers }
        if let curves = entry.curves { merged.curves = curves }
        if let verify = entry.clientVerify { merged.clientVerify = verify }
        if let caFile = entry.caFile { merged.caFile = caFile }
        if let crlFile = entry.crlFile { merged.crlFile = crlFile }
        return merged
    }
}
