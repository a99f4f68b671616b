import ConfigDiagnostics
import Foundation
import HAProxyConfig
import NIOPosix
@testable import ProxyEngine
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// A reload's new process (`start(replacing:)`) learns the old process's
/// tables through the local peer before it binds: two engines on one
/// configuration, the second started as the first one's replacement.
final class PeersReloadLessonTests: XCTestCase {
    private func plan(peerPort: Int) throws -> RuntimePlan {
        let config = """
            global
                localpeer A
            peers mesh
                peer A 127.0.0.1:\(peerPort)
                peer B 127.0.0.1:\(Loopback.freePort())
            backend st
                stick-table type ip size 1k expire 1m store gpc0,http_req_rate(10s) peers mesh

            """
        let parsed = HAProxyReader().read([SourceFile(path: "reload.cfg", text: config)])
        return try XCTUnwrap(Planner(fileOrder: ["reload.cfg"]).plan(parsed.configuration).plan)
    }

    func testTheNewProcessLearnsTheOldOnesTablesBeforeBinding() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let plan = try plan(peerPort: Loopback.freePort())
        let old = ProxyEngine(plan: plan, group: group) { _ in }
        try await old.start()
        let oldTables = old.engine.stickTables
        XCTAssertEqual(StickTableCommands.run(.set, ["st", "key", "10.1.2.3", "data.gpc0", "17", "data.http_req_rate", "4"],
                                              tables: oldTables), "")

        let started = Date()
        let new = ProxyEngine(plan: plan, group: group) { _ in }
        try await new.start(replacing: 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "the lesson ended with 'finished' or 'partial', not the 5 s timeout")
        let lines = StickTableDump.dump(try XCTUnwrap(new.engine.stickTables["st"])).split(separator: "\n")
        // The timed update carries the milliseconds left, so `exp` is the old entry's, not a fresh minute.
        XCTAssertTrue(lines.contains { $0.contains("key=10.1.2.3 use=0 exp=") && $0.hasSuffix(" gpc0=17 http_req_rate(10000)=4") },
                      "\(lines)")

        // Without an old process, the start does not wait.
        let alone = ProxyEngine(plan: try self.plan(peerPort: Loopback.freePort()), group: group) { _ in }
        let began = Date()
        try await alone.start(replacing: 1)
        XCTAssertLessThan(Date().timeIntervalSince(began), 2)
        for engine in [old, new, alone] { await engine.hardStop() }
        try await group.shutdownGracefully()
    }
}
