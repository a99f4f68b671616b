import Foundation
import TLSMaterial
import WeirTestSupport
import XCTest

/// OpenSSL cipher strings resolved to the engine library's ciphers, against
/// the real `openssl ciphers` (OpenSSL knows more ciphers: the comparison is
/// on the ones both have; PSK ciphers need a PSK setup in OpenSSL and are left out).
final class CipherListResolverTests: XCTestCase {
    func testSelectionAgreesWithOpenSSL() throws {
        let openssl = try XCTUnwrap(Programs.path("openssl"), "openssl is not installed")
        let known = Set(EngineCipher.all.filter { !$0.isTLS13 && $0.authentication != .psk }.map(\.name))
        for string in ["ECDHE+AESGCM", "HIGH:!aNULL:!MD5", "AES128:!SHA1", "ECDHE:-AES256:+SHA", "kRSA",
                       "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384", "CHACHA20:AES256-SHA:!ECDSA"] {
            let run = try ToolRun.run(openssl, ["ciphers", "-s", "-tls1_2", string])
            XCTAssertEqual(run.status, 0, run.output)
            let expected = Set(run.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").map(String.init))
                .intersection(known)
            let resolved = Set(CipherListResolver.resolve(string).ciphers).intersection(known)
            XCTAssertEqual(resolved, expected, string)
        }
    }

    func testOrderRemovalAndUnmatchedWords() {
        let resolution = CipherListResolver.resolve("ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256:AES128-SHA:+ECDHE:NOPE")
        XCTAssertEqual(resolution.ciphers, ["AES128-SHA", "ECDHE-RSA-AES128-GCM-SHA256"])
        XCTAssertEqual(resolution.unmatched, ["DHE-RSA-AES128-GCM-SHA256", "NOPE"])
        XCTAssertEqual(CipherListResolver.resolve("ALL:!ALL").ciphers, [], "a string that selects nothing")
        XCTAssertEqual(CipherListResolver.resolve("!AES128-SHA:AES128-SHA").ciphers, [], "`!` removes for good")
        XCTAssertEqual(EngineCipher.named(code: 0xC02F)?.name, "ECDHE-RSA-AES128-GCM-SHA256")
    }
}
