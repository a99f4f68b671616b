import RuntimePlan
import XCTest

/// `tune.h2.*` and `bind … proto` compiled into the plan, each verdict beside
/// the real `haproxy -c`'s on the same text, refusals with HAProxy's words.
final class HTTP2PlannerTests: XCTestCase {
    private func config(global: String = "", mode: String = "http", bind: String = "") -> String {
        """
        global
        \(global)
        defaults
            mode \(mode)
            timeout connect 5s
            timeout client 5s
            timeout server 5s
        frontend f
            bind 127.0.0.1:18443 \(bind)
            default_backend b
        backend b
            server s 127.0.0.1:18080

        """
    }

    func testTuneH2SettingsReachThePlan() throws {
        let text = config(global: """
                tune.bufsize 32768
                tune.h2.header-table-size 65536
                tune.h2.initial-window-size 1048576
                tune.h2.max-concurrent-streams 0
                tune.h2.max-frame-size 16777215
            """)
        XCTAssertEqual(try HAProxyCheck.verdict(text), true)
        let plan = try XCTUnwrap(compilePlan(text))
        // The frame size is capped at the buffer size, as HAProxy caps what it announces.
        XCTAssertEqual(plan.global.http2, HTTP2Tuning(headerTableSize: 65_536, initialWindowSize: 1_048_576, maxConcurrentStreams: 0,
                                                      maxFrameSize: 32_768))
        XCTAssertFalse(plan.unsupported.contains { $0.directive.hasPrefix("tune.h2") }, "\(plan.unsupported)")
        XCTAssertNil(try XCTUnwrap(compilePlan(config())).global.http2)
    }

    func testTuneH2ValuesHAProxyRefusesAreErrors() throws {
        let cases = [
            ("tune.h2.header-table-size 4095", "'tune.h2.header-table-size' expects a numeric value between 4096 and 65536."),
            ("tune.h2.header-table-size 65537", "'tune.h2.header-table-size' expects a numeric value between 4096 and 65536."),
            ("tune.h2.max-frame-size 16383", "'tune.h2.max-frame-size' expects a numeric value between 16384 and 16777215."),
        ]
        for (line, message) in cases {
            let text = config(global: "    " + line)
            XCTAssertEqual(try HAProxyCheck.verdict(text), false, "haproxy -c accepts \(line)")
            let result = planResult(text)
            XCTAssertNil(result.plan, line)
            XCTAssertTrue(result.diagnostics.contains { $0.message == message && $0.range.start.line == 2 },
                          "\(line): \(result.diagnostics.map { "\($0.range.start.line): \($0.message)" })")
        }
        // A negative count is refused before the planner, by the keyword table (the checker's "not a number").
        for line in ["tune.h2.initial-window-size -1", "tune.h2.max-concurrent-streams -5"] {
            let text = config(global: "    " + line)
            XCTAssertEqual(try HAProxyCheck.verdict(text), false, "haproxy -c accepts \(line)")
            XCTAssertNil(planResult(text).plan, line)
        }
    }

    func testBindProtoIsCheckedAsHAProxyChecksIt() throws {
        for (mode, proto) in [("http", "h2"), ("http", "h1"), ("tcp", "none")] {
            let text = config(mode: mode, bind: "proto \(proto)")
            XCTAssertEqual(try HAProxyCheck.verdict(text), true, "\(mode) \(proto)")
            let plan = try XCTUnwrap(compilePlan(text))
            XCTAssertEqual(plan.frontends.first?.binds.first?.proto, MuxProtocol(rawValue: proto))
        }
        let refused = [
            ("http", "foo", "'proto' :  unknown MUX protocol 'foo'"),
            ("http", "none", "MUX protocol 'none' is not usable for 'bind 127.0.0.1:18443'"),
            ("http", "fcgi", "MUX protocol 'fcgi' is not usable for 'bind 127.0.0.1:18443'"),
            ("tcp", "h2", "MUX protocol 'h2' is not usable for 'bind 127.0.0.1:18443'"),
        ]
        for (mode, proto, message) in refused {
            let text = config(mode: mode, bind: "proto \(proto)")
            XCTAssertEqual(try HAProxyCheck.verdict(text), false, "haproxy -c accepts \(mode) proto \(proto)")
            let result = planResult(text)
            XCTAssertNil(result.plan)
            XCTAssertTrue(result.diagnostics.contains { $0.message == message && $0.range.start.line == 9 },
                          "\(mode) \(proto): \(result.diagnostics.map { "\($0.range.start.line): \($0.message)" })")
        }
    }
}
