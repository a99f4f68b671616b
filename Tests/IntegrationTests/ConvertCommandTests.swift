import Foundation
import XCTest

/// `weir convert` does what its options say: a pair needs an explicit
/// directory, one node's file comes alone, each finding is printed once, and
/// every config it writes is in the canonical layout.
final class ConvertCommandTests: XCTestCase {
    private var directory: URL!
    private let production = WeirProcess.packageRoot.appendingPathComponent("Fixtures/yaml/production.yaml")

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-convertcmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testAPairToOneFileIsAnErrorThatSaysWhatWouldBeWritten() throws {
        let result = try WeirProcess.weir(["convert", production.path, "-o", "haproxy.cfg"], directory: directory)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("describes a Keepalived pair (nodes: sw-infrarunbook-01, sw-infrarunbook-02)"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("NODE/haproxy.cfg and NODE/keepalived.conf"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--output-directory DIR"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [], "nothing is written")
    }

    func testOneNodesFilesComeAloneAndMatchTheDirectoryOutput() throws {
        let all = try WeirProcess.weir(["convert", production.path, "--output-directory", "pair"], directory: directory)
        XCTAssertEqual(all.status, 0, all.stderr)
        for (target, file) in [("haproxy", "haproxy.cfg"), ("keepalived", "keepalived.conf")] {
            let one = try WeirProcess.weir(["convert", production.path, "--node", "sw-infrarunbook-02", "--to", target])
            XCTAssertEqual(one.status, 0, one.stderr)
            let written = try String(contentsOf: directory.appendingPathComponent("pair/sw-infrarunbook-02/\(file)"), encoding: .utf8)
            XCTAssertEqual(one.stdout, written, target)
        }
        let unknown = try WeirProcess.weir(["convert", production.path, "--node", "lb9"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no node named 'lb9'"), unknown.stderr)
    }

    func testEveryFindingIsPrintedOnce() throws {
        let result = try WeirProcess.weir(["convert", production.path, "--output-directory", directory.path,
                                           "--min-severity", "note"], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let findings = result.stderr.split(separator: "\n").filter { $0.contains(": warning: ") || $0.contains(": note: ") }
        XCTAssertGreaterThan(findings.count, 5)
        XCTAssertEqual(findings.count, Set(findings).count, result.stderr)
    }

    func testWhatConvertWritesPassesFmtCheck() throws {
        let pair = directory.appendingPathComponent("pair")
        XCTAssertEqual(try WeirProcess.weir(["convert", production.path, "--output-directory", pair.path]).status, 0)
        let yaml = directory.appendingPathComponent("site.yaml")
        let cfg = directory.appendingPathComponent("site.cfg")
        let article = WeirProcess.packageRoot.appendingPathComponent("Fixtures/article/19-production.cfg")
        XCTAssertEqual(try WeirProcess.weir(["convert", article.path, "-o", yaml.path]).status, 0)
        XCTAssertEqual(try WeirProcess.weir(["convert", yaml.path, "-o", cfg.path]).status, 0)
        let written = [cfg.path] + ["sw-infrarunbook-01", "sw-infrarunbook-02"].flatMap { node in
            ["haproxy.cfg", "keepalived.conf"].map { pair.appendingPathComponent("\(node)/\($0)").path }
        }
        let check = try WeirProcess.weir(["fmt", "--check"] + written)
        XCTAssertEqual(check.status, 0, check.stderr)
    }

    func testOutputNamingADirectoryIsRefused() throws {
        let result = try WeirProcess.weir(["convert", production.path, "--node", "sw-infrarunbook-01", "-o", directory.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is a directory: -o names the file to write"), result.stderr)
    }
}
