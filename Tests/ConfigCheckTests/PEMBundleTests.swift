@testable import ConfigCheck
import Foundation
import TLSMaterial
import XCTest

/// Reading certificate files the way HAProxy does, on the certificates the
/// real openssl made (CertificateSet).
final class PEMBundleTests: XCTestCase {
    private func bundle(_ name: String) throws -> PEMBundle {
        let path = CertificateSet.shared.directory + "/" + name
        return PEMBundle(text: try String(contentsOfFile: path, encoding: .utf8))
    }

    func testCertificateAndKeyOfOneFileMatch() throws {
        let valid = try bundle("valid.pem")
        XCTAssertTrue(valid.hasCertificate)
        let certificate = try XCTUnwrap(valid.certificate)
        let key = try XCTUnwrap(valid.privateKey)
        XCTAssertEqual(key.publicKey, certificate.publicKey)
        XCTAssertGreaterThan(certificate.notValidAfter, Date())
    }

    func testAnotherKeyDoesNotMatch() throws {
        let mismatch = try bundle("mismatch.pem")
        XCTAssertNotEqual(try XCTUnwrap(mismatch.privateKey).publicKey, try XCTUnwrap(mismatch.certificate).publicKey)
    }

    func testKeyAloneAndCertificateAlone() throws {
        XCTAssertFalse(try bundle("key.pem").hasCertificate)
        XCTAssertFalse(try bundle("certonly.pem").hasPrivateKey)
    }

    func testTextBetweenBlocksIsIgnoredAndEncryptedKeysAreNotRead() throws {
        let text = try String(contentsOfFile: CertificateSet.shared.directory + "/valid.pem", encoding: .utf8)
        let noisy = "subject=CN = valid.weir.test\n" + text.replacingOccurrences(of: "-----BEGIN PRIVATE KEY-----\n",
            with: "Bag Attributes\n-----BEGIN PRIVATE KEY-----\n")
        XCTAssertNotNil(PEMBundle(text: noisy).certificate)
        XCTAssertNotNil(PEMBundle(text: noisy).privateKey)
        let encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        XCTAssertTrue(PEMBundle(text: encrypted).hasPrivateKey)
        XCTAssertNil(PEMBundle(text: encrypted).privateKey)
    }
}
