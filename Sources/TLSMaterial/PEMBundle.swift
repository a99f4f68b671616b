import Foundation
import X509

/// The PEM blocks of a certificate file as HAProxy reads it: the first
/// certificate is the one served, and the private key is in the same file
/// or else in `NAME.key` beside it.
public struct PEMBundle: Sendable {
    /// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block.
    public struct Block: Sendable {
        public var label: String
        public var body: String
        /// Whether the block has RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`).
        public var hasHeaders: Bool

        /// The block in canonical form (64-column lines), which the PEM readers of swift-certificates require.
        public var canonical: String? {
            guard let der = Data(base64Encoded: body, options: .ignoreUnknownCharacters) else { return nil }
            let encoded = der.base64EncodedString(options: .lineLength64Characters).replacingOccurrences(of: "\r\n", with: "\n")
            return "-----BEGIN \(label)-----\n\(encoded)\n-----END \(label)-----\n"
        }
    }

    public static let certificateLabels: Set<String> = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]

    public var blocks: [Block]

    /// Reads the blocks of PEM text; text between blocks is ignored, as OpenSSL does.
    public init(text: String) {
        var blocks: [Block] = []
        var current: (label: String, lines: [Substring], headers: Bool)?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let label = Self.marker(line, "BEGIN") {
                current = (label, [], false)
            } else if let label = Self.marker(line, "END"), let open = current, open.label == label {
                blocks.append(Block(label: label, body: open.lines.joined(), hasHeaders: open.headers))
                current = nil
            } else if current != nil {
                if line.contains(":") { current?.headers = true } else { current?.lines.append(Substring(line)) }
            }
        }
        self.blocks = blocks
    }

    private static func marker(_ line: String, _ kind: String) -> String? {
        let prefix = "-----\(kind) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// Whether the text holds a certificate block.
    public var hasCertificate: Bool { blocks.contains { Self.certificateLabels.contains($0.label) } }

    /// Whether the text holds a private key block of any kind (RSA, EC, DSA, PKCS#8, encrypted).
    public var hasPrivateKey: Bool { blocks.contains { $0.label.hasSuffix("PRIVATE KEY") } }

    /// The first certificate, when it parses.
    public var certificate: Certificate? {
        guard let block = blocks.first(where: { Self.certificateLabels.contains($0.label) }),
              let pem = block.canonical else { return nil }
        return try? Certificate(pemEncoded: pem)
    }

    /// The first private key, when it is of a kind swift-certificates reads
    /// (RSA of 2048 bits or more, ECDSA P-256/384/521, Ed25519) and not encrypted.
    public var privateKey: Certificate.PrivateKey? {
        guard let block = blocks.first(where: { $0.label.hasSuffix("PRIVATE KEY") }), !block.hasHeaders,
              let pem = block.canonical else { return nil }
        return try? Certificate.PrivateKey(pemEncoded: pem)
    }
}
