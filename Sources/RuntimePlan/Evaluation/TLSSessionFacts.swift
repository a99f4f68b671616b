/// What the `ssl_fc_*` and `ssl_c_*` fetches see of a client connection's
/// TLS session, recorded when its handshake completes.
public struct TLSSessionFacts: Sendable, Hashable {
    /// The SNI name the client sent (`ssl_fc_sni`), nil without SNI.
    public var serverName: String?
    /// `TLSv1.2`, `TLSv1.3` (`ssl_fc_protocol`).
    public var protocolVersion: String?
    /// The OpenSSL name of the cipher (`ssl_fc_cipher`).
    public var cipher: String?
    /// The ALPN protocol agreed on (`ssl_fc_alpn`), nil when none was.
    public var alpn: String?
    /// The client certificate, when the client sent one.
    public var clientCertificate: ClientCertificateFacts?

    public init(serverName: String? = nil, protocolVersion: String? = nil, cipher: String? = nil, alpn: String? = nil,
                clientCertificate: ClientCertificateFacts? = nil) {
        self.serverName = serverName
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.alpn = alpn
        self.clientCertificate = clientCertificate
    }
}

/// A client certificate as the `ssl_c_*` fetches show it.
public struct ClientCertificateFacts: Sendable, Hashable {
    /// Subject and issuer, each entry as (short name, value) in certificate order (`C`, `O`, `CN`).
    public var subject: [(String, String)]
    public var issuer: [(String, String)]
    /// The serial number in upper-case hexadecimal (what `ssl_c_serial,hex` gives in HAProxy).
    public var serialHex: String
    /// The serial number's bytes, most significant first (what `ssl_c_serial` gives).
    public var serialBytes: [UInt8] {
        let digits = Array(serialHex.utf8)
        let padded = digits.count % 2 == 1 ? [UInt8(ascii: "0")] + digits : digits
        return stride(from: 0, to: padded.count, by: 2).compactMap { UInt8(String(decoding: padded[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }

    /// The end of validity as HAProxy prints it: `YYMMDDhhmmssZ`.
    public var notAfter: String

    public init(subject: [(String, String)], issuer: [(String, String)], serialHex: String, notAfter: String) {
        self.subject = subject
        self.issuer = issuer
        self.serialHex = serialHex
        self.notAfter = notAfter
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.subject.elementsEqual(rhs.subject, by: ==) && lhs.issuer.elementsEqual(rhs.issuer, by: ==)
            && lhs.serialHex == rhs.serialHex && lhs.notAfter == rhs.notAfter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialHex)
        hasher.combine(notAfter)
    }

    /// `ssl_c_s_dn` / `ssl_c_i_dn`: the whole name as `/C=FR/O=Weir/CN=client1`, or the
    /// value of one entry (`ssl_c_s_dn(CN)`; the last one, or the Nth with a second argument).
    static func distinguishedName(_ entries: [(String, String)], _ arguments: [String]) -> String? {
        guard let field = arguments.first, !field.isEmpty else {
            return entries.map { "/\($0.0)=\($0.1)" }.joined()
        }
        let values = entries.filter { $0.0.caseInsensitiveEquals(field) }.map(\.1)
        guard arguments.count > 1, let position = Int(arguments[1]), position != 0 else { return values.last }
        let index = position > 0 ? position - 1 : values.count + position
        return values.indices.contains(index) ? values[index] : nil
    }
}
