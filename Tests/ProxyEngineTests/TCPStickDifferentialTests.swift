import Foundation
@testable import ProxyEngine
import XCTest

/// `stick on src` in a `mode tcp` backend (the article's 10-peers.cfg without
/// its peers) in the real haproxy 2.6 and in the engine: every connection
/// of a client reaches the server of its first one, and the tables agree.
final class TCPStickDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ servers: [Int], socket: String?) -> String {
        """
        global
            nbthread 1
        \(socket.map { "    stats socket \($0) level admin" } ?? "")
        defaults
            mode tcp
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind 127.0.0.1:\(port)
            default_backend app_servers
        backend app_servers
            balance roundrobin
            stick-table type ip size 200k expire 10m
            stick on src
            server s1 127.0.0.1:\(servers[0])
            server s2 127.0.0.1:\(servers[1])

        """
    }

    func testEveryConnectionOfAClientReachesTheSameServer() async throws {
        let pair = try await TablePair(servers: ["s1", "s2"], Self.config)
        usleep(200_000)
        let tables = try pair.tables()
        // The listener probes were connections too: both start from an empty table.
        _ = pair.ask("clear table app_servers\n")
        _ = StickTableCommands.run(.clear, ["app_servers"], tables: tables)
        var expected: [String] = [], actual: [String] = []
        for _ in 0..<4 {
            // The tunnel stays open after the answer: a short silence ends each exchange.
            expected.append(TablePair.observed(pair.haproxyPort, path: "/", cookie: nil, settle: 0.3))
            actual.append(TablePair.observed(pair.enginePort, path: "/", cookie: nil, settle: 0.3))
        }
        // Where each rotation starts depends on the listener probes each proxy saw; what must agree is that
        // every connection goes where the first one went, and what the table records of it.
        XCTAssertEqual(Set(expected).count, 1, "haproxy: \(expected)")
        XCTAssertEqual(Set(actual).count, 1, "engine: \(actual)")
        func table(_ text: String, server: String) -> [String] {
            let name = server.replacingOccurrences(of: "x-server: ", with: "")
            return TablePair.normalized(text).map {
                $0.replacingOccurrences(of: "server_id=\(name.dropFirst())", with: "server_id=N")
                    .replacingOccurrences(of: "server_key=\(name)", with: "server_key=S")
            }
        }
        let real = table(pair.ask("show table app_servers\n"), server: expected[0])
        let ours = table(StickTableDump.dump(try XCTUnwrap(tables["app_servers"])), server: actual[0])
        XCTAssertEqual(ours, real)
        XCTAssertEqual(real.last?.hasSuffix("server_id=N server_key=S"), true, "\(real)")
        await pair.shutdown()
    }
}
