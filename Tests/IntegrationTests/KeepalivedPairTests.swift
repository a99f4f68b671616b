import Foundation
import XCTest

/// The article's pair for real (Fixtures/pair/run-pair.sh): two nodes and a
/// client in network namespaces, the engine started as `haproxy` and the
/// real keepalived on each node, client requests to the VIP, the MASTER's
/// engine killed. As written the VIP stays on the dead node (101 + 2 falls
/// back to 101, above the standby's 100); with the weight `weir lint
/// --node` asks for, it moves and no request sent after the move fails.
/// With the MASTER's link cut instead, the pair as written fails over too,
/// within the BACKUP's master-down timer. The two engines are peers
/// (the article's `peers` section): the client's request rate and its
/// persistence entry are on node B, learned through peers, when A fails.
final class KeepalivedPairTests: XCTestCase {
    private struct Outcome {
        var failover: Bool
        var failedAfterMove: Int
        var requests: Int
        /// Seconds from the failure to the VIP on node B (nil: it did not move).
        var movedAfter: Double?
        /// Node B held the client's request rate, and the same persistence entry as node A, before the failure.
        var peersKeptRate: Bool
        var peersKeptPersistence: Bool
        var output: String
    }

    private func runPair(_ arguments: [String]) throws -> Outcome {
        guard getuid() == 0 else {
            XCTFail("the pair needs root for its network namespaces")
            throw XCTSkip("not root")
        }
        for tool in ["ip", "unshare", "keepalived", "killall", "curl"] where WeirProcess.which(tool) == nil {
            XCTFail("\(tool) is needed for the pair")
            throw XCTSkip("\(tool) missing")
        }
        let script = WeirProcess.packageRoot.appendingPathComponent("Fixtures/pair/run-pair.sh")
        let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/bash"),
                                         [script.path, "--weir", try WeirProcess.binary.path, "--after", "10"] + arguments)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let line = try XCTUnwrap(result.stdout.split(separator: "\n").last { $0.hasPrefix("RESULT ") }, result.stdout + result.stderr)
        var fields: [String: String] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        print(result.stdout)
        return Outcome(failover: fields["failover"] == "yes", failedAfterMove: Int(fields["failed_after_move"] ?? "") ?? -1,
                       requests: Int(fields["requests"] ?? "") ?? 0, movedAfter: Double(fields["vip_moved_after_s"] ?? ""),
                       peersKeptRate: fields["peers_rate"] == "yes", peersKeptPersistence: fields["peers_persistence"] == "yes",
                       output: result.stdout)
    }

    func testTheFixedPairFailsOverAndNoRequestFailsAfterTheMove() throws {
        let fixed = try runPair(["--fixed"])
        XCTAssertTrue(fixed.failover, fixed.output)
        XCTAssertEqual(fixed.failedAfterMove, 0, fixed.output)
        XCTAssertGreaterThan(fixed.requests, 50, fixed.output)
        XCTAssertTrue(fixed.peersKeptRate, "node B learned the client's rate through peers\n" + fixed.output)
        XCTAssertTrue(fixed.peersKeptPersistence, "node B learned the client's server through peers\n" + fixed.output)
    }

    /// Node B hears no advert once A's cable is pulled: it takes the VIP after its master-down timer
    /// (3 × advert_int + skew = 3.6 s, less the time since A's last advert), whatever A's weights.
    func testCuttingTheMastersLinkMovesTheVIPWithinTheMasterDownTimer() throws {
        let cut = try runPair(["--cut-link"])
        XCTAssertTrue(cut.failover, cut.output)
        XCTAssertEqual(cut.failedAfterMove, 0, cut.output)
        let moved = try XCTUnwrap(cut.movedAfter, cut.output)
        XCTAssertLessThanOrEqual(moved, 4.5, "the master-down timer is 3.6 s; the script polls every 100 ms\n" + cut.output)
        XCTAssertGreaterThan(moved, 2.0, "node B waits out its master-down timer\n" + cut.output)
        XCTAssertTrue(cut.peersKeptRate && cut.peersKeptPersistence, "node B learned the client's entries through peers\n" + cut.output)
    }

    func testThePairAsWrittenKeepsTheVIPOnTheDeadNode() throws {
        let written = try runPair([])
        XCTAssertFalse(written.failover, written.output)
    }

    /// The fix the script applies is the one weir's pair check accepts: no failover finding on the fixed files.
    func testWeirLintAcceptsTheFixedWeight() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-pairfix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let article = ArticleFixtureTests.directory
        try FileManager.default.copyItem(at: article.appendingPathComponent("19-production.cfg"),
                                         to: directory.appendingPathComponent("19-production.cfg"))
        for name in ["13-keepalived-primary.conf", "14-keepalived-standby.conf"] {
            let text = try String(contentsOf: article.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "auth_pass stn2024vrrp", with: "auth_pass stn2024v")
                .replacingOccurrences(of: "    weight 2\n", with: "    weight -2\n")
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let result = try WeirProcess.weir([
            "lint", "--format", "json", "--no-project-file",
            "--node", "a=19-production.cfg,13-keepalived-primary.conf", "--node", "b=19-production.cfg,14-keepalived-standby.conf",
        ], directory: directory)
        let keepalived = try ReportedDiagnostic.parse(result.stdout).filter { $0.file.hasSuffix(".conf") && $0.severity == "error" }
        XCTAssertEqual(keepalived, [], result.stdout)
        XCTAssertEqual(try ReportedDiagnostic.parse(result.stdout).filter { $0.rule == "vrrp-failover-ineffective" }, [])
    }
}
