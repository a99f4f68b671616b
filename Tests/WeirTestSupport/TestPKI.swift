import Foundation

/// A small PKI made with the real openssl in a scratch directory, once per
/// test process, for tests of TLS termination:
/// - ca.crt / ca.key: a root CA (ECDSA P-256), and inter.crt: an intermediate CA it signed;
/// - a.pem: an RSA-2048 certificate for `a.test` and `*.a.test`, signed by the
///   intermediate, then the intermediate, then its key (HAProxy's `crt` layout);
/// - b.pem: an ECDSA P-256 certificate for `b.test` signed by the root, with its key;
/// - client.crt / client.key: a client certificate `/C=FR/O=Weir/CN=client1` signed by the root;
/// - other-ca.crt: a CA that signed nothing here; rogue.crt / rogue.key: a client certificate it signed;
/// - expired.pem: a certificate for `old.test` that expired in 2020, with its key;
/// - mismatch.pem: a.test's certificate with b.test's key; nokey.pem: a certificate alone;
/// - revoked.crt / revoked.key: a client certificate `/CN=revoked` signed by the root, and
///   c.crt / c.key: an ECDSA server certificate for `c.test` signed by the root;
///   ca.crl: the root's revocation list, revoking revoked.crt and b.crt; other-ca.crl: a list Other CA signed.
public final class TestPKI: Sendable {
    public static let shared = TestPKI()

    /// The directory holding the files, or nil when openssl could not make them.
    public let directory: String
    /// Why the PKI could not be made (openssl missing or failing), nil when it was.
    public let failure: String?

    /// The absolute path of a file of the PKI.
    public func path(_ name: String) -> String { directory + "/" + name }

    private init() {
        directory = NSTemporaryDirectory() + "weir-pki-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        ScratchCleanup.removeWhenTestsFinish(directory)
        do {
            try Self.make(in: directory)
            failure = nil
        } catch {
            failure = "\(error)"
        }
    }

    struct OpenSSLFailure: Error, CustomStringConvertible {
        let description: String
    }

    private static func make(in directory: String) throws {
        guard Programs.path("openssl") != nil else { throw OpenSSLFailure(description: "openssl is not installed") }
        let run = { (arguments: [String]) throws in try openssl(arguments, in: directory) }
        let write = { (name: String, text: String) in
            _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8))
        }
        write("ca.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
        write("a.ext", "subjectAltName=DNS:a.test,DNS:*.a.test\nextendedKeyUsage=serverAuth\n")
        write("b.ext", "subjectAltName=DNS:b.test\nextendedKeyUsage=serverAuth\n")
        write("client.ext", "extendedKeyUsage=clientAuth\n")
        write("c.ext", "subjectAltName=DNS:c.test\nextendedKeyUsage=serverAuth\n")
        try run(["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "3650",
                 "-subj", "/CN=Weir Test CA", "-keyout", "ca.key", "-out", "ca.crt",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try run(["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "3650",
                 "-subj", "/CN=Other CA", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try sign("inter", subject: "/CN=Weir Intermediate", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
                 ca: "ca", extensions: "ca.ext", run)
        try sign("a", subject: "/CN=a.test", key: ["-newkey", "rsa:2048"], ca: "inter", extensions: "a.ext", run)
        try sign("b", subject: "/CN=b.test", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], ca: "ca",
                 extensions: "b.ext", run)
        try sign("client", subject: "/C=FR/O=Weir/CN=client1", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
                 ca: "ca", extensions: "client.ext", run)
        try sign("rogue", subject: "/CN=rogue", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], ca: "other-ca",
                 extensions: "client.ext", run)
        try sign("revoked", subject: "/CN=revoked", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], ca: "ca",
                 extensions: "client.ext", run)
        try sign("c", subject: "/CN=c.test", key: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], ca: "ca",
                 extensions: "c.ext", run)
        try expired(in: directory, run)
        try revocationLists(in: directory, run)
        try concatenate(["a.crt", "inter.crt", "a.key"], into: "a.pem", in: directory)
        try concatenate(["b.crt", "b.key"], into: "b.pem", in: directory)
        try concatenate(["expired.crt", "expired.key"], into: "expired.pem", in: directory)
        try concatenate(["a.crt", "b.key"], into: "mismatch.pem", in: directory)
        try concatenate(["b.crt"], into: "nokey.pem", in: directory)
    }

    /// NAME.key and NAME.crt, signed by CA.crt/CA.key.
    private static func sign(_ name: String, subject: String, key: [String], ca: String, extensions: String,
                             _ run: ([String]) throws -> Void) throws {
        try run(["req", "-new"] + key + ["-nodes", "-subj", subject, "-keyout", "\(name).key", "-out", "\(name).csr"])
        try run(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).crt", "-CAkey", "\(ca).key", "-CAcreateserial",
                 "-days", "30", "-sha256", "-extfile", extensions, "-out", "\(name).crt"])
    }

    /// expired.crt: openssl 3.0's `req` and `x509` cannot date a certificate in the past, so a
    /// throw-away CA database signs it with explicit dates.
    private static func expired(in directory: String, _ run: ([String]) throws -> Void) throws {
        let database = directory + "/db"
        try FileManager.default.createDirectory(atPath: database, withIntermediateDirectories: true)
        let config = """
            [ca]
            default_ca = weir
            [weir]
            database = \(database)/index.txt
            serial = \(database)/serial
            new_certs_dir = \(database)
            default_md = sha256
            policy = any
            [any]
            commonName = supplied

            """
        _ = FileManager.default.createFile(atPath: database + "/ca.cnf", contents: Data(config.utf8))
        _ = FileManager.default.createFile(atPath: database + "/index.txt", contents: Data())
        _ = FileManager.default.createFile(atPath: database + "/serial", contents: Data("01\n".utf8))
        try run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "expired.key", "-out", "db/expired.csr",
                 "-subj", "/CN=old.test"])
        try run(["ca", "-batch", "-config", "db/ca.cnf", "-selfsign", "-keyfile", "expired.key", "-in", "db/expired.csr",
                 "-out", "expired.crt", "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-notext"])
    }

    /// ca.crl revoking revoked.crt and b.crt, and other-ca.crl revoking nothing, each from a CA database of its own.
    private static func revocationLists(in directory: String, _ run: ([String]) throws -> Void) throws {
        for ca in ["ca", "other-ca"] {
            let database = directory + "/crl-" + ca
            try FileManager.default.createDirectory(atPath: database, withIntermediateDirectories: true)
            let config = """
                [ca]
                default_ca = weir
                [weir]
                database = \(database)/index.txt
                crlnumber = \(database)/crlnumber
                default_md = sha256
                default_crl_days = 30

                """
            _ = FileManager.default.createFile(atPath: database + "/ca.cnf", contents: Data(config.utf8))
            _ = FileManager.default.createFile(atPath: database + "/index.txt", contents: Data())
            _ = FileManager.default.createFile(atPath: database + "/crlnumber", contents: Data("01\n".utf8))
            let common = ["-config", "crl-\(ca)/ca.cnf", "-keyfile", "\(ca).key", "-cert", "\(ca).crt"]
            if ca == "ca" {
                try run(["ca", "-batch", "-revoke", "revoked.crt"] + common)
                try run(["ca", "-batch", "-revoke", "b.crt"] + common)
            }
            try run(["ca", "-batch", "-gencrl", "-out", "\(ca).crl"] + common)
        }
    }

    private static func concatenate(_ parts: [String], into name: String, in directory: String) throws {
        var data = Data()
        for part in parts {
            guard let contents = FileManager.default.contents(atPath: directory + "/" + part) else {
                throw OpenSSLFailure(description: "openssl did not make \(part)")
            }
            data += contents
        }
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: data)
    }

    private static func openssl(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OpenSSLFailure(description: "openssl \(arguments.joined(separator: " ")) failed: "
                                 + String(decoding: message, as: UTF8.self))
        }
    }
}
