@testable import ConfigCheck
import ConfigDiagnostics
import Foundation
import XCTest

/// Keeps the registry, the man page and the rule files in step, and checks
/// that each rule describes itself fully.
final class RuleCatalogTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let regenerate = ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1"

    func testRegistryListsEveryRuleFile() throws {
        let found = try RuleRegistrySource.scan(Self.root.appendingPathComponent("Sources/ConfigCheck/Rules"))
        try assertCurrent(RuleRegistrySource.render(found), at: "Sources/ConfigCheck/Generated/RuleRegistry.swift")
    }

    func testManualListsEveryRule() throws {
        try assertCurrent(RulesManual.render(), at: "Man/weir-rules.7")
    }

    func testIdsAreUniqueAndMatchTypeNames() {
        var seen = Set<RuleID>()
        for type in RuleCatalog.types {
            let id = type.description.id
            XCTAssertTrue(seen.insert(id).inserted, "duplicate rule id \(id)")
            XCTAssertEqual(RuleCatalog.typeName(for: id), String(describing: type), "rule \(id) must be declared as \(RuleCatalog.typeName(for: id))")
            XCTAssertEqual(id.rawValue, id.rawValue.lowercased())
        }
    }

    func testEveryRuleHasExamplesAndText() {
        for rule in RuleCatalog.all {
            XCTAssertFalse(rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            XCTAssertFalse(rule.nonTriggering.isEmpty, "\(rule.id) has no non-triggering example")
            XCTAssertTrue(rule.summary.hasSuffix("."), "\(rule.id): the summary is a sentence")
            XCTAssertGreaterThan(rule.rationale.count, 40, "\(rule.id): the rationale says why")
        }
    }

    /// Every id a parser or the I/O layer reports has a page.
    func testEveryReportedIdIsInTheCatalog() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var reported = Set<String>()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            var rest = text[...]
            while let start = rest.range(of: "RuleID(\"") {
                let tail = rest[start.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                reported.insert(String(tail[..<end]))
                rest = tail[end...]
            }
        }
        let known = Set(RuleCatalog.all.map(\.id.rawValue))
        XCTAssertEqual(reported.subtracting(known).sorted(), [], "ids reported without a catalog entry")
    }

    private func assertCurrent(_ expected: String, at path: String) throws {
        let target = Self.root.appendingPathComponent(path)
        if Self.regenerate { try expected.write(to: target, atomically: true, encoding: .utf8) }
        let actual = try? String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(actual == expected, "\(path) is stale: run WEIR_REGENERATE=1 swift test --filter RuleCatalogTests")
    }
}
