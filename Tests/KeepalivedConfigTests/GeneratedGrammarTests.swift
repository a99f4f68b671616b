import ConfigGrammar
import Foundation
import XCTest

/// Keeps `Sources/KeepalivedConfig/Generated/` in step with `Grammar/`.
final class GeneratedGrammarTests: XCTestCase {
    func testGeneratedTableMatchesGrammar() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let table = try String(contentsOf: root.appendingPathComponent("Grammar/keepalived-keywords.tsv"), encoding: .utf8)
        let expected = GeneratedSource.render(name: "keepalivedKeywordsTSV", from: "keepalived-keywords.tsv", table: table)
        let target = root.appendingPathComponent("Sources/KeepalivedConfig/Generated/KeepalivedKeywords.swift")
        if ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1" {
            try expected.write(to: target, atomically: true, encoding: .utf8)
        }
        let actual = try? String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(actual == expected, "KeepalivedKeywords.swift is stale: run WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests")
    }
}
