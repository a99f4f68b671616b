import ConfigDiagnostics
import ConfigYAML
import Foundation
import HAProxyConfig
import WeirTestSupport
import XCTest

/// cfg → YAML → cfg gives the same statements, section by section and
/// keyword by keyword in order, for every accepted corpus config and every
/// article snippet.
final class CorpusRoundTripTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Statements per section and keyword, in order.
    func summary(_ result: HAProxyParseResult) -> [String: [String]] {
        var byKeyword: [String: [String]] = [:]
        for (index, section) in result.syntax.sections.enumerated() {
            let sectionKey = "\(index) \(section.header.words.map(\.text).joined(separator: " "))"
            for statement in section.statements {
                byKeyword[sectionKey + " / " + statement.keyword, default: []]
                    .append((statement.modifier?.rawValue ?? "") + " " + statement.words.map(\.text).joined(separator: " "))
            }
        }
        return byKeyword
    }

    func roundTrip(_ file: SourceFile) throws -> (HAProxyParseResult, HAProxyParseResult?) {
        let original = HAProxyReader().read([file])
        let yaml = try HAProxyYAMLWriter().write(original.syntax)
        let (generated, diagnostics) = HAProxyYAMLReader().read(SourceFile(path: "site.yaml", text: yaml))
        XCTAssertEqual(diagnostics, [], file.path)
        return (original, generated.map { HAProxyReader().read([SourceFile(path: "again.cfg", text: $0.text)]) })
    }

    func testEveryAcceptedConfigAndSnippetRoundTrips() throws {
        var paths: [URL] = []
        let manifest = try TestCorpus.directory().appendingPathComponent("manifest.tsv")
        for row in try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = row.split(separator: "\t").map(String.init)
            if fields[1] == "haproxy", fields[4] == "valid" {
                paths.append(manifest.deletingLastPathComponent().appendingPathComponent(fields[0]))
            }
        }
        let article = Self.root.appendingPathComponent("Fixtures/article")
        paths += try FileManager.default.contentsOfDirectory(at: article, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cfg" && $0.lastPathComponent != "07-tls-tuning.cfg" }
        XCTAssertGreaterThan(paths.count, 250)
        var mismatches: [String] = []
        for path in paths {
            let source = SourceFile(path: path.path, bytes: Array(try Data(contentsOf: path)))
            let (original, again) = try roundTrip(source)
            guard let again else { mismatches.append("\(path.lastPathComponent): no output"); continue }
            if summary(again) != summary(original) { mismatches.append(path.lastPathComponent) }
        }
        XCTAssertEqual(mismatches, [])
    }
}
