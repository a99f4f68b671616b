import Foundation
import XCTest

/// The README's first command: the article's two nodes linted as a pair.
/// The article's failover does not work (MASTER 101 with `weight 2`, BACKUP
/// 100 without the script), and weir must say so with the numbers.
final class ArticlePairTests: XCTestCase {
    func testTheArticlesPairNeverFailsOverWhenHAProxyDies() throws {
        let result = try WeirProcess.weir([
            "lint", "--format", "json", "--no-project-file",
            "--node", "sw-infrarunbook-01=19-production.cfg,13-keepalived-primary.conf",
            "--node", "sw-infrarunbook-02=19-production.cfg,14-keepalived-standby.conf",
        ], directory: ArticleFixtureTests.directory)
        XCTAssertEqual(result.status, 1, result.stderr)
        let failover = try ReportedDiagnostic.parse(result.stdout).filter { $0.rule == "vrrp-failover-ineffective" }
        XCTAssertEqual(failover.map { "\($0.file):\($0.line):\($0.column)" }, ["13-keepalived-primary.conf:21:9"])
        let message = try XCTUnwrap(failover.first?.message)
        XCTAssertTrue(message.contains("from 103 to 101, still above 100 on node 'sw-infrarunbook-02'"), message)
    }

    /// With a negative weight larger than the gap, the same pair fails over and nothing is reported.
    func testANegativeWeightMakesItFailOver() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-pair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArticleFixtureTests.directory
        for name in ["19-production.cfg", "14-keepalived-standby.conf"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        let primary = try String(contentsOf: source.appendingPathComponent("13-keepalived-primary.conf"), encoding: .utf8)
            .replacingOccurrences(of: "weight 2", with: "weight -2")
        try primary.write(to: directory.appendingPathComponent("13-keepalived-primary.conf"), atomically: true, encoding: .utf8)
        let result = try WeirProcess.weir([
            "lint", "--format", "json", "--no-project-file",
            "--node", "a=19-production.cfg,13-keepalived-primary.conf", "--node", "b=19-production.cfg,14-keepalived-standby.conf",
        ], directory: directory)
        XCTAssertEqual(try ReportedDiagnostic.parse(result.stdout).filter { $0.rule == "vrrp-failover-ineffective" }, [])
    }
}
