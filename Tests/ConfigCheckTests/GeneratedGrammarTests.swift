import ConfigGrammar
import Foundation
import XCTest

/// Keeps `Sources/ConfigCheck/Generated/OpenSSLCiphers.swift` in step with `Grammar/openssl-ciphers.tsv`.
final class GeneratedGrammarTests: XCTestCase {
    func testGeneratedCipherTableMatchesGrammar() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let table = try String(contentsOf: root.appendingPathComponent("Grammar/openssl-ciphers.tsv"), encoding: .utf8)
        let expected = GeneratedSource.render(name: "openSSLCiphersTSV", from: "openssl-ciphers.tsv", table: table)
        let target = root.appendingPathComponent("Sources/ConfigCheck/Generated/OpenSSLCiphers.swift")
        if ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1" {
            try expected.write(to: target, atomically: true, encoding: .utf8)
        }
        let actual = try? String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(actual == expected,
                      "OpenSSLCiphers.swift is stale: run WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests")
    }
}
