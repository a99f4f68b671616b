import Foundation
import SwiftASN1
import X509

/// One certificate revocation list (RFC 5280 §5, a `-----BEGIN X509 CRL-----`
/// block): who issued it, until when it holds, and the serial numbers it
/// revokes. The library under the engine has no CRL support, so the engine
/// reads the list itself and checks its signature against the CA that issued it.
public struct RevocationList: Sendable {
    /// Why a CRL file cannot be used.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public let issuer: DistinguishedName
    /// `nextUpdate`: after it the list is stale and OpenSSL (so HAProxy) refuses the certificates it covers.
    public let nextUpdate: Date?
    public let revokedSerials: Set<Certificate.SerialNumber>
    /// The signed part (`tbsCertList`) as encoded, its signature and the algorithm.
    private let signedBytes: [UInt8]
    private let signature: [UInt8]
    private let algorithm: Certificate.SignatureAlgorithm?

    /// Every CRL of a PEM file, as `crl-file` names it; a problem when there is none or one cannot be read.
    public static func load(_ path: String) -> Result<[RevocationList], Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(description: "'crl-file' : unable to load \(path)"))
        }
        let blocks = PEMBundle(text: String(decoding: data, as: UTF8.self)).blocks.filter { $0.label == "X509 CRL" }
        guard !blocks.isEmpty else { return .failure(Problem(description: "'crl-file' : unable to load \(path): no X509 CRL in it")) }
        do {
            return .success(try blocks.map { block in
                guard let der = Data(base64Encoded: block.body, options: .ignoreUnknownCharacters) else {
                    throw Problem(description: "not base64")
                }
                return try RevocationList(derEncoded: Array(der))
            })
        } catch {
            return .failure(Problem(description: "'crl-file' : unable to load \(path): \(error)"))
        }
    }

    /// Parses a DER CertificateList.
    public init(derEncoded bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        var parsed: (tbs: ASN1Node, algorithm: ASN1ObjectIdentifier, signature: ASN1BitString)?
        try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbs = nodes.next(), let algorithm = nodes.next(), let signature = nodes.next() else {
                throw Problem(description: "a CRL has three parts")
            }
            // An RSA algorithm carries NULL parameters after its identifier (ECDSA ones carry none).
            let oid = try DER.sequence(algorithm, identifier: .sequence) { fields in
                let identifier = try ASN1ObjectIdentifier(derEncoded: &fields)
                while fields.next() != nil {}
                return identifier
            }
            parsed = (tbs, oid, try ASN1BitString(derEncoded: signature))
        }
        guard let parsed else { throw Problem(description: "empty CRL") }
        signedBytes = Array(parsed.tbs.encodedBytes)
        signature = Array(parsed.signature.bytes)
        algorithm = Self.algorithms[parsed.algorithm]
        var issuer: DistinguishedName?
        var nextUpdate: Date?
        var serials: Set<Certificate.SerialNumber> = []
        try DER.sequence(parsed.tbs, identifier: .sequence) { nodes in
            var next = nodes.next()
            if next?.identifier == .integer { next = nodes.next() }  // version
            next = nodes.next()  // signature AlgorithmIdentifier (the outer one is checked)
            guard let issuerNode = next else { throw Problem(description: "a CRL names its issuer") }
            issuer = try DistinguishedName(derEncoded: issuerNode)
            _ = nodes.next()  // thisUpdate
            next = nodes.next()
            if let node = next, node.identifier == .utcTime || node.identifier == .generalizedTime {
                nextUpdate = try Self.date(node)
                next = nodes.next()
            }
            if let node = next, node.identifier == .sequence {
                try DER.sequence(node, identifier: .sequence) { entries in
                    while let entry = entries.next() {
                        try DER.sequence(entry, identifier: .sequence) { fields in
                            serials.insert(Certificate.SerialNumber(bytes: try ArraySlice<UInt8>(derEncoded: &fields)))
                            while fields.next() != nil {}
                        }
                    }
                }
            }
            while nodes.next() != nil {}  // crlExtensions
        }
        guard let issuer else { throw Problem(description: "a CRL names its issuer") }
        self.issuer = issuer
        self.nextUpdate = nextUpdate
        revokedSerials = serials
    }

    /// Whether `certificate` (a CA) issued and signed this list.
    public func isSigned(by certificate: Certificate) -> Bool {
        guard certificate.subject == issuer, let algorithm else { return false }
        return certificate.publicKey.isValidSignature(signature, for: signedBytes, signatureAlgorithm: algorithm)
    }

    /// The signature algorithms OpenSSL signs CRLs with, by object identifier.
    static let algorithms: [ASN1ObjectIdentifier: Certificate.SignatureAlgorithm] = [
        [1, 2, 840, 10045, 4, 3, 2]: .ecdsaWithSHA256, [1, 2, 840, 10045, 4, 3, 3]: .ecdsaWithSHA384,
        [1, 2, 840, 10045, 4, 3, 4]: .ecdsaWithSHA512, [1, 2, 840, 113_549, 1, 1, 5]: .sha1WithRSAEncryption,
        [1, 2, 840, 113_549, 1, 1, 11]: .sha256WithRSAEncryption, [1, 2, 840, 113_549, 1, 1, 12]: .sha384WithRSAEncryption,
        [1, 2, 840, 113_549, 1, 1, 13]: .sha512WithRSAEncryption, [1, 3, 101, 112]: .ed25519,
    ]

    private static func date(_ node: ASN1Node) throws -> Date? {
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        } else {
            let time = try GeneralizedTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        }
        return Calendar(identifier: .gregorian).date(from: components)
    }
}
