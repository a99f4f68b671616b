import Foundation
import XCTest

/// Configurations shaped like the ones found in public repositories
/// (Fixtures/realworld, ../shared/reference/realworld-lint.md): each is
/// judged by the real tool, with the environment its sidecar names, and by
/// weir. A config the tool accepts must get no error from weir (a false
/// error in CI is the worst thing a linter can do); one it refuses must get
/// at least one; and weir's findings are exactly the sidecar's `weir:` lines.
final class RealWorldFixtureTests: XCTestCase {
    static let directory = WeirProcess.packageRoot.appendingPathComponent("Fixtures/realworld")

    static func fixtures() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cfg" || $0.pathExtension == "conf" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func testWeirAgreesWithTheVerdictAndTheSidecar() throws {
        for fixture in try Self.fixtures() {
            let sidecar = URL(fileURLWithPath: fixture.path + ".expect")
            let expectation = try FixtureExpectation(contentsOf: sidecar)
            let arguments = ["lint", "--format", "json", "--no-project-file"]
                + expectation.environment.flatMap { ["--env", $0] } + [fixture.lastPathComponent]
            let result = try WeirProcess.weir(arguments, directory: Self.directory)
            let reported = try ReportedDiagnostic.parse(result.stdout).map(\.description)
            let errors = reported.filter { $0.hasPrefix("error ") }
            switch expectation.verdict {
            case "valid": XCTAssertEqual(errors, [], "\(fixture.lastPathComponent): the real tool accepts it")
            case "invalid": XCTAssertFalse(errors.isEmpty, "\(fixture.lastPathComponent): the real tool refuses it")
            default: XCTFail("\(fixture.lastPathComponent): verdict must be valid or invalid")
            }
            if ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1", reported != expectation.weir {
                try ArticleFixtureTests.rewriteWeirSection(of: sidecar, with: reported)
                continue
            }
            XCTAssertEqual(reported, expectation.weir, fixture.lastPathComponent)
        }
    }

    func testRealToolsGiveTheRecordedVerdicts() throws {
        guard WeirProcess.which("haproxy") != nil, WeirProcess.which("keepalived") != nil else {
            XCTFail("haproxy and keepalived must be installed (bash .ci/run installs them)")
            return
        }
        for fixture in try Self.fixtures() {
            let expectation = try FixtureExpectation(contentsOf: URL(fileURLWithPath: fixture.path + ".expect"))
            if expectation.command.hasPrefix("unshare"), getuid() != 0 { continue }
            var environment: [String: String] = [:]
            for pair in expectation.environment {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                environment[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", expectation.command + " 2>&1"],
                                             environment: environment, directory: Self.directory)
            XCTAssertEqual(result.status, expectation.exit, "\(fixture.lastPathComponent): \(result.stdout)")
        }
    }
}
