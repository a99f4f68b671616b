import Foundation
import WeirTestSupport

/// Certificates made with the real openssl once per test run, for rules that
/// read `crt` files. Examples name them as `"${WEIR_CERTS}/NAME.pem"`:
/// - valid.pem: a certificate valid for a year, then its key;
/// - expiring.pem: the same, valid for 10 more days;
/// - expired.pem: a certificate that expired in 2020, then its key;
/// - mismatch.pem: valid.pem's certificate with another key;
/// - certonly.pem: a certificate without a key anywhere;
/// - split.pem: a certificate whose key is in split.pem.key beside it;
/// - key.pem: a private key alone;
/// - sites.crt-list: a crt-list naming valid.pem and gone.pem, which does not exist;
/// - good.crt-list: a crt-list naming valid.pem only.
final class CertificateSet: Sendable {
    static let shared = CertificateSet()

    /// The directory holding the certificates.
    let directory: String

    /// `WEIR_CERTS` for the examples' `"${WEIR_CERTS}"`.
    var variables: [String: String] { ["WEIR_CERTS": directory] }

    private init() {
        directory = NSTemporaryDirectory() + "weir-certs-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        ScratchCleanup.removeWhenTestsFinish(directory)
        make()
    }

    private func make() {
        selfSigned("valid", days: 365)
        selfSigned("expiring", days: 10)
        selfSigned("other", days: 365)
        expired()
        concatenate(["valid.crt", "valid.key"], into: "valid.pem")
        concatenate(["expiring.crt", "expiring.key"], into: "expiring.pem")
        concatenate(["expired.crt", "expired.key"], into: "expired.pem")
        concatenate(["valid.crt", "other.key"], into: "mismatch.pem")
        concatenate(["other.crt"], into: "certonly.pem")
        concatenate(["valid.crt"], into: "split.pem")
        concatenate(["valid.key"], into: "split.pem.key")
        concatenate(["other.key"], into: "key.pem")
        let list = "# certificates by site\n\(directory)/valid.pem\n\(directory)/gone.pem [ssl-min-ver TLSv1.2] example.org\n"
        _ = FileManager.default.createFile(atPath: directory + "/sites.crt-list", contents: Data(list.utf8))
        _ = FileManager.default.createFile(atPath: directory + "/good.crt-list", contents: Data("\(directory)/valid.pem\n".utf8))
    }

    /// NAME.crt and NAME.key: a self-signed certificate valid for `days` days from now.
    private func selfSigned(_ name: String, days: Int) {
        openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).crt",
                 "-days", String(days), "-subj", "/CN=\(name).weir.test"])
    }

    /// expired.crt and expired.key: openssl 3.0's `req` cannot date a certificate
    /// in the past, so a throw-away CA database signs it with explicit dates.
    private func expired() {
        let ca = directory + "/ca"
        try? FileManager.default.createDirectory(atPath: ca, withIntermediateDirectories: true)
        let config = """
            [ca]
            default_ca = weir
            [weir]
            database = \(ca)/index.txt
            serial = \(ca)/serial
            new_certs_dir = \(ca)
            default_md = sha256
            policy = any
            [any]
            commonName = supplied

            """
        _ = FileManager.default.createFile(atPath: ca + "/ca.cnf", contents: Data(config.utf8))
        _ = FileManager.default.createFile(atPath: ca + "/index.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: ca + "/serial", contents: Data("01\n".utf8))
        openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "expired.key", "-out", "ca/expired.csr",
                 "-subj", "/CN=expired.weir.test"])
        openssl(["ca", "-batch", "-config", "ca/ca.cnf", "-selfsign", "-keyfile", "expired.key", "-in", "ca/expired.csr",
                 "-out", "expired.crt", "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-notext"])
    }

    private func concatenate(_ parts: [String], into name: String) {
        let data = parts.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }.reduce(Data(), +)
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: data)
    }

    private func openssl(_ arguments: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }
}
