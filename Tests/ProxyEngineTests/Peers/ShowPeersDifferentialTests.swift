import Foundation
@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// `show peers` on peer B, once with the real haproxy 2.6 as B and once with
/// the engine, each time with haproxy as A connecting to B and an entry set
/// on A: the same lines once the pointers, internal flags, dates, times,
/// ports and counters that depend on timing (heartbeats, collisions, task
/// calls) are masked.
final class ShowPeersDifferentialTests: XCTestCase {
    func testShowPeersAnswersAsHAProxy() async throws {
        let commands = ["show peers", "show peers mesh", "show peers - mesh", "show peers nope", "show peers dict mesh"]
        let real = try await Self.observe(engineAsB: false, commands)
        let ours = try await Self.observe(engineAsB: true, commands)
        XCTAssertTrue(real[0].contains("id=A(remote,active)"), real[0])
        for (index, command) in commands.enumerated() {
            XCTAssertEqual(Self.normalized(ours[index]), Self.normalized(real[index]), "\(command)\nhaproxy:\n\(real[index])\nengine:\n\(ours[index])")
        }
    }

    /// Starts B (the engine or haproxy) first, then haproxy as A, which connects to B; sets an entry on A, waits until
    /// B has it, and gives B's answers to `commands`.
    static func observe(engineAsB: Bool, _ commands: [String]) async throws -> [String] {
        let mesh = try PeersInteropTests.Mesh()
        var haproxyB: BackgroundProcess?
        let socketB = mesh.directory.appendingPathComponent("b-real.sock").path
        if engineAsB {
            try await mesh.startEngine()
        } else {
            let file = mesh.directory.appendingPathComponent("b.cfg")
            try PeersInteropTests.config(local: "B", peerPorts: mesh.peerPorts, socket: socketB).write(to: file, atomically: true, encoding: .utf8)
            haproxyB = try BackgroundProcess(mesh.haproxyPath, ["-db", "-f", file.path])
            XCTAssertTrue(CLIClient.waitForSocket(socketB), haproxyB?.output ?? "")
        }
        let socket = engineAsB ? mesh.engineSocket : socketB
        try mesh.startHAProxy()
        _ = mesh.ask(mesh.haproxySocket, "set table st key 10.0.0.1 data.gpc0 3")
        XCTAssertNotNil(mesh.waitFor(socket, table: "st", ["key=10.0.0.1", "gpc0=3"], seconds: 3), "B never learned the entry")
        let answers = commands.map { mesh.ask(socket, $0) }
        haproxyB?.stop()
        await mesh.shutdown()
        return answers
    }

    /// The answer without what differs between two runs of the same haproxy.
    static func normalized(_ text: String) -> String {
        var text = text
        let masks: [(String, String)] = [
            (#"flags=0x[0-9a-f]+"#, "flags=F"),
            (#"0x[0-9a-f]{6,}"#, "0xP"),
            (#"\[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d\]"#, "[DATE]"),
            (#"(resync_timeout|last_hdshk|reconnect|heartbeat)=(<PAST>|<NEVER>|[0-9dhms]+)"#, "$1=T"),
            (#"(task_calls|tx_hbt|rx_hbt|no_hbt|coll|confirm)=\d+"#, "$1=N"),
            (#"(src|addr)=127\.0\.0\.1:\d+"#, "$1=127.0.0.1:PORT"),
        ]
        for (pattern, replacement) in masks {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}
