import Foundation
import WeirTestSupport
import XCTest

/// Every config snippet of the article, checked two ways: the real tool
/// still gives the verdict recorded beside it, and weir reports exactly the
/// findings recorded in the sidecar's `weir:` section.
final class ArticleFixtureTests: XCTestCase {
    static let directory = WeirProcess.packageRoot.appendingPathComponent("Fixtures/article")

    static func fixtures() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cfg" || $0.pathExtension == "conf" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testEveryArticleSnippetIsAFixture() throws {
        XCTAssertGreaterThanOrEqual(try Self.fixtures().count, 19)
    }

    func testWeirFindingsMatchTheSidecars() throws {
        for fixture in try Self.fixtures() {
            let expectation = try FixtureExpectation(contentsOf: URL(fileURLWithPath: fixture.path + ".expect"))
            let result = try WeirProcess.weir(["lint", "--format", "json", "--root", try Self.deploymentRoot(),
                                               fixture.lastPathComponent], directory: Self.directory)
            let reported = try ReportedDiagnostic.parse(result.stdout).map(\.description)
            if ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1", reported != expectation.weir {
                try Self.rewriteWeirSection(of: URL(fileURLWithPath: fixture.path + ".expect"), with: reported)
                continue
            }
            XCTAssertEqual(reported, expectation.weir, fixture.lastPathComponent)
        }
    }

    /// Where `deploymentRoot()` makes its tree, once per test run; removed when the tests finish.
    private static let scratchRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("weir-article-root-\(UUID().uuidString)")
        ScratchCleanup.removeWhenTestsFinish(root.path)
        return root
    }()

    /// A directory standing for `/` on the article's load balancer: it holds
    /// the certificate the snippets name, made with the real openssl, so the
    /// snippets are judged as deployed (`--root`), not by what this machine lacks.
    static func deploymentRoot() throws -> String {
        let root = scratchRoot
        let certificate = root.appendingPathComponent("etc/haproxy/certs/solvethenetwork.com.pem")
        if FileManager.default.fileExists(atPath: certificate.path) { return root.path }
        try FileManager.default.createDirectory(at: certificate.deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = "openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=solvethenetwork.com "
            + "-keyout key.pem -out cert.pem 2>/dev/null && cat cert.pem key.pem > '\(certificate.path)' && rm cert.pem key.pem"
        let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script],
                                         directory: certificate.deletingLastPathComponent())
        XCTAssertEqual(result.status, 0, "openssl must be installed (bash .ci/run installs it)")
        return root.path
    }

    /// Replaces the sidecar's `weir:` section (`WEIR_REGENERATE=1`); review the diff before committing.
    static func rewriteWeirSection(of sidecar: URL, with findings: [String]) throws {
        let text = try String(contentsOf: sidecar, encoding: .utf8)
        let kept = text.components(separatedBy: "\nweir:\n").first ?? text
        let section = findings.isEmpty ? "" : "weir:\n" + findings.map { "  " + $0 + "\n" }.joined()
        try Data(((kept.hasSuffix("\n") ? kept : kept + "\n") + section).utf8).write(to: sidecar)
    }

    func testRealToolsStillGiveTheRecordedVerdicts() throws {
        guard WeirProcess.which("haproxy") != nil, WeirProcess.which("keepalived") != nil else {
            XCTFail("haproxy and keepalived must be installed (bash .ci/run installs them)")
            return
        }
        for fixture in try Self.fixtures() {
            let expectation = try FixtureExpectation(contentsOf: URL(fileURLWithPath: fixture.path + ".expect"))
            if expectation.command.hasPrefix("unshare"), getuid() != 0 { continue }
            let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", expectation.command + " 2>&1"],
                                             directory: Self.directory)
            XCTAssertEqual(result.status, expectation.exit, "\(fixture.lastPathComponent): \(result.stdout)")
            let printed = result.stdout.split(separator: "\n").map {
                $0.replacingOccurrences(of: #"^(\[[A-Z]+\] +)\([0-9]+\) "#, with: "$1", options: .regularExpression)
            }
            // Warnings may name the host (the default local peer), so only alerts are compared.
            let important = { (lines: [String]) in lines.filter { $0.contains("[ALERT]") } }
            XCTAssertEqual(important(printed), important(expectation.oracle), fixture.lastPathComponent)
        }
    }
}
