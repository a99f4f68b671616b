import ConfigGrammar
import Foundation
import XCTest

/// Keeps `Sources/HAProxyConfig/Generated/` in step with `Grammar/`.
final class GeneratedGrammarTests: XCTestCase {
    static let tables = [
        ("haproxySectionsTSV", "haproxy-sections.tsv", "HAProxySections.swift"),
        ("haproxyKeywordsTSV", "haproxy-keywords.tsv", "HAProxyKeywords.swift"),
        ("haproxyBindOptionsTSV", "haproxy-bind-options.tsv", "HAProxyBindOptions.swift"),
        ("haproxyServerOptionsTSV", "haproxy-server-options.tsv", "HAProxyServerOptions.swift"),
        ("haproxyFetchesTSV", "haproxy-fetches.tsv", "HAProxyFetches.swift"),
        ("haproxyConvertersTSV", "haproxy-converters.tsv", "HAProxyConverters.swift"),
        ("haproxyACLKeywordsTSV", "haproxy-acl-keywords.tsv", "HAProxyACLKeywords.swift"),
        ("haproxyRemovedKeywordsTSV", "haproxy-removed-keywords.tsv", "HAProxyRemovedKeywords.swift"),
    ]

    func testGeneratedTablesMatchGrammar() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let regenerate = ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1"
        for (name, grammarFile, swiftFile) in Self.tables {
            let table = try String(contentsOf: root.appendingPathComponent("Grammar/\(grammarFile)"), encoding: .utf8)
            let expected = GeneratedSource.render(name: name, from: grammarFile, table: table)
            let target = root.appendingPathComponent("Sources/HAProxyConfig/Generated/\(swiftFile)")
            if regenerate {
                try expected.write(to: target, atomically: true, encoding: .utf8)
            }
            let actual = try? String(contentsOf: target, encoding: .utf8)
            XCTAssertTrue(actual == expected, "\(swiftFile) is stale: run WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests")
        }
    }
}
