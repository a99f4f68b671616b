import Foundation

/// Certificates made with the real openssl once per test run, for rules that
/// read `crt` files. Examples name them as `"${WEIR_CERTS}/NAME.pem"`.
final class CertificateSet: Sendable {
    static let shared = CertificateSet()

    /// The directory holding the certificates.
    let directory: String

    /// `WEIR_CERTS` for the examples' `"${WEIR_CERTS}"`.
    var variables: [String: String] { ["WEIR_CERTS": directory] }

    private init() {
        directory = NSTemporaryDirectory() + "weir-certs-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
}
