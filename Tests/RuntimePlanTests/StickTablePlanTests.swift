import ConfigDiagnostics
import HAProxyConfig
@testable import RuntimePlan
@testable import RuntimePlanner
import XCTest

/// `stick-table`, `track-sc*` and the stick-counter fetches in the plan.
final class StickTablePlanTests: XCTestCase {
    func testTheArticleRateLimiterCompiles() throws {
        let plan = try XCTUnwrap(compilePlan("""
        frontend fe
            mode http
            bind 127.0.0.1:8080
            stick-table type ip size 100k expire 60s store http_req_rate(10s),conn_cur
            http-request track-sc0 src
            http-request deny deny_status 429 if { sc_http_req_rate(0) gt 100 }
            http-request deny deny_status 429 if { sc_conn_cur(0) gt 20 }
            default_backend be
        backend be
            server s 127.0.0.1:9000

        """))
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
        let table = try XCTUnwrap(plan.stickTables.first)
        XCTAssertEqual(table.name, "fe")
        XCTAssertEqual(table.keyType, .ip)
        XCTAssertEqual(table.size, 102_400)
        XCTAssertEqual(table.expireMs, 60_000)
        XCTAssertEqual(table.stored, [StickDataPlan(type: .connCurrent), StickDataPlan(type: .httpRequestRate, periodMs: 10_000)])
        let rules = try XCTUnwrap(plan.frontends.first?.httpRequestRules)
        XCTAssertEqual(rules.map(\.action), [.stickCounter, .deny, .deny])
        XCTAssertEqual(rules[0].stickCounter, StickCounterAction(kind: .track, slot: 0, key: Fetch(.src), table: "fe"))
        guard case .test(let test)? = rules[1].condition else { return XCTFail("\(String(describing: rules[1].condition))") }
        XCTAssertEqual(test.fetch.counter, StickCounterFetch(origin: .slot(0), item: "http_req_rate"))
        XCTAssertEqual(test.patterns, ["gt 100"])
    }

    func testTableForms() throws {
        let line = SourceFile(path: "x", text: "").range(0, 0)
        let read = { (words: String) -> Result<StickTablePlan, StickTableCompiler.Problem> in
            let spec = StickTableSpec(words: words.split(separator: " ").map(String.init), ranges: [], line: line, name: "t")
            guard let problem = spec.problems.first else { return StickTableCompiler.read(spec) }
            return .failure(StickTableCompiler.Problem(message: problem.message))
        }
        let strings = try read("type string len 64 size 1m nopurge store gpc(3),gpc_rate(3,1m),gpt0").get()
        XCTAssertEqual(strings.keyLength, 64)
        XCTAssertEqual(strings.size, 1 << 20)
        XCTAssertTrue(strings.nopurge)
        XCTAssertEqual(strings.stored, [StickDataPlan(type: .gpt0), StickDataPlan(type: .gpc, count: 3),
                                        StickDataPlan(type: .gpcRate, periodMs: 60_000, count: 3)])
        XCTAssertEqual(try read("type binary size 10").get().keyLength, 32)
        XCTAssertEqual(try read("type ipv6 size 10").get().keyLength, 16)
        for bad in ["type ip", "size 10", "type nope size 1", "type ip size 1 store http_req_rate", "type ip size 1 store bogus"] {
            XCTAssertNil(try? read(bad).get(), bad)
        }
    }

    func testPeersSectionTablesAreNamedWithTheirSection() throws {
        let plan = try XCTUnwrap(compilePlan("""
        peers mypeers
            peer p1 127.0.0.1:1024
            table mytable type string size 10 store gpc0
        backend b
            mode http
            stick on req.cook(x) table mypeers/mytable
            server s 127.0.0.1:9000

        """))
        let table = try XCTUnwrap(plan.stickTables.first)
        XCTAssertEqual(table.name, "mypeers/mytable")
        XCTAssertEqual(table.peers, "mypeers")
        XCTAssertEqual(table.stored.map(\.type), [.serverID, .gpc0, .serverKey])
        XCTAssertEqual(plan.backends.first?.persistence?.stickRules.first?.table, "mypeers/mytable")
    }

    func testABadTableIsAnErrorAtItsLine() {
        let result = planResult("frontend fe\n    mode http\n    bind 127.0.0.1:8080\n    stick-table type ip size 10 store http_req_rate\n")
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["stick-table-invalid"])
        XCTAssertEqual(result.diagnostics.first?.range.start.line, 4)
    }

    func testCounterFetchForms() {
        let forms: [(String, StickCounterFetch?)] = [
            ("sc_http_req_rate(2)", StickCounterFetch(origin: .slot(2), item: "http_req_rate")),
            ("sc1_conn_cur(other)", StickCounterFetch(origin: .slot(1), item: "conn_cur", table: "other")),
            ("sc_get_gpc(1,0)", StickCounterFetch(origin: .slot(0), item: "get_gpc", index: 1)),
            ("src_inc_gpc0", StickCounterFetch(origin: .source, item: "inc_gpc0")),
            ("sc3_conn_cur", nil), ("sc_conn_cur", nil), ("src_tracked", nil), ("sc0_bogus", nil),
        ]
        for (text, expected) in forms {
            XCTAssertEqual(ACLParser.fetch(for: text)?.0.counter, expected, text)
        }
    }
}
