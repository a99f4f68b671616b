import Foundation
import XCTest

/// Differential test over ../shared/corpus: weir must report no error on
/// any config that the real haproxy 2.6 or keepalived 2.2 accepts.
final class CorpusLintTests: XCTestCase {
    struct Entry {
        var path: String
        var tool: String
        var verdict: String
    }

    static func manifest() throws -> [Entry] {
        let url = WeirProcess.corpus.appendingPathComponent("manifest.tsv")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/corpus is not here") }
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return rows.map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(path: fields[0], tool: fields[1], verdict: fields[4])
        }
    }

    func lint(_ entry: Entry) throws -> [ReportedDiagnostic] {
        let format = entry.tool == "haproxy" ? "--haproxy" : "--keepalived"
        let result = try WeirProcess.weir(["lint", format, "--format", "json", entry.path], directory: WeirProcess.corpus)
        XCTAssertNotEqual(result.status, 2, "\(entry.path): \(result.stderr)")
        return try ReportedDiagnostic.parse(result.stdout)
    }

    func testNoErrorOnConfigsTheRealToolsAccept() throws {
        let valid = try Self.manifest().filter { $0.verdict == "valid" }
        XCTAssertGreaterThan(valid.count, 250)
        var falseErrors: [String] = []
        for entry in valid {
            for diagnostic in try lint(entry) where diagnostic.severity == "error" {
                falseErrors.append("\(entry.path):\(diagnostic.line):\(diagnostic.column): \(diagnostic.rule): \(diagnostic.message)")
            }
        }
        XCTAssertEqual(falseErrors, [], "weir reports errors on configs the real tools accept")
    }

    func testRejectedConfigsAgreement() throws {
        let invalid = try Self.manifest().filter { $0.verdict == "invalid" }
        var caught: [String] = []
        var missed: [String] = []
        for entry in invalid {
            let errors = try lint(entry).filter { $0.severity == "error" }
            if errors.isEmpty { missed.append(entry.path) } else { caught.append(entry.path) }
        }
        print("corpus: weir reports an error on \(caught.count) of \(invalid.count) rejected configs; missed: \(missed)")
        XCTAssertGreaterThan(caught.count, 0)
    }
}
