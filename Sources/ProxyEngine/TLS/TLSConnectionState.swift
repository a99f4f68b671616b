import NIOCore
import NIOSSL
import RuntimePlan
import TLSMaterial
import X509

/// The TLS session of one client connection, filled in as the handshake
/// goes: the SNI name (from the ClientHello), the cipher (from the
/// ServerHello), then version, ALPN and client certificate when the
/// handshake completes. The request handler reads `facts`; a later HTTP/2
/// layer reads `negotiatedProtocol` to choose its codec. Used on the
/// connection's event loop only.
final class TLSConnectionState {
    private(set) var facts = TLSSessionFacts()
    /// Whether the handshake has completed.
    private(set) var established = false

    /// The ALPN protocol agreed on (`h2`, `http/1.1`), nil when none was.
    var negotiatedProtocol: String? { facts.alpn }

    func recordServerName(_ name: String?) { facts.serverName = name }

    func recordCipher(code: UInt16) { facts.cipher = EngineCipher.named(code: code)?.name }

    /// Reads what the TLS handler knows once the handshake is done.
    func recordHandshake(negotiatedProtocol: String?, handler: NIOSSLHandler) {
        established = true
        facts.alpn = negotiatedProtocol
        facts.protocolVersion = handler.tlsVersion.map(Self.name)
        facts.clientCertificate = handler.peerCertificate.flatMap(Self.clientCertificate)
    }

    static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLSv1"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }

    static func clientCertificate(_ certificate: NIOSSLCertificate) -> ClientCertificateFacts? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        let serial = certificate.serialNumber.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        return ClientCertificateFacts(subject: CertificateNameEntries.entries(parsed.subject),
                                      issuer: CertificateNameEntries.entries(parsed.issuer), serialHex: serial,
                                      notAfter: CertificateNameEntries.utcTime(parsed.notValidAfter))
    }
}
