import RuntimePlan
import XCTest

/// The planner compiles the three HTTP hooks' actions, variables, sample
/// expressions with converters, and lists what the engine does not run.
final class HTTPRuleCompilerTests: XCTestCase {
    func testResponseAndAfterResponseRulesAreCompiledPerHook() throws {
        let plan = try XCTUnwrap(compilePlan(#"""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request set-var(txn.host,ifnotempty) req.hdr(host),lower,field(1,:)
                http-request unset-var(sess.seen)
                http-response set-status 299 reason "Rules Here" if { status 200 }
                http-response replace-value Cache-Control ^private$ public
                http-after-response set-header X-Status %[status]
                http-response del-header X-Internal -m beg
                http-response set-header X-Sum %[res.hdr(x-a),json_query($.a)]
                default_backend b
            backend b
                http-response deny if { res.hdr(x-server) -m str NotFound }
                http-response set-var(res.kind) res.hdr(content-type),word(1,;)
                server s 127.0.0.1:1

            """#))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.httpRequestRules.map(\.action), [.setVar, .unsetVar])
        let setVar = frontend.httpRequestRules[0]
        XCTAssertEqual(setVar.variable, "txn.host")
        XCTAssertEqual(setVar.variableConditions, ["ifnotempty"])
        XCTAssertEqual(setVar.expression?.description, "req.hdr(host),lower,field(1,:)")
        XCTAssertEqual(frontend.httpResponseRules.map(\.action), [.setStatus, .replaceValue, .delHeader])
        XCTAssertEqual(frontend.httpResponseRules[2].headerMatch, .beg)
        XCTAssertEqual(frontend.httpResponseRules[0].status, 299)
        XCTAssertEqual(frontend.httpResponseRules[0].reason, "Rules Here")
        XCTAssertEqual(frontend.httpAfterResponseRules.map(\.action), [.setHeader])
        let backend = try XCTUnwrap(plan.backend(named: "b"))
        XCTAssertEqual(backend.httpResponseRules.map(\.action), [.deny, .setVar])
        XCTAssertEqual(backend.httpResponseRules[0].status, 502, "a response deny answers 502 by default")
        XCTAssertEqual(plan.unsupported.map(\.directive), ["http-response set-header X-Sum %[res.hdr(x-a),json_query($.a)]"])
    }

    func testUnknownConvertersAreListedAndABadScopeIsAnError() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request set-header X-A %[src,nosuchconverter]
                http-request set-var(txn.a) src,digest(blake2b512)
                default_backend b
            backend b
                server s 127.0.0.1:1

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive),
                       ["http-request set-header X-A %[src,nosuchconverter]", "http-request set-var(txn.a) src,digest(blake2b512)"])
        let result = planResult("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request set-var(other.a) src
                default_backend b
            backend b
                server s 127.0.0.1:1

            """)
        XCTAssertNil(result.plan)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message),
                       ["'other.a' is not a variable name (proc., sess., txn., req. or res. and a name)"])
    }

    func testResponseRulesRunBackendFirstAndSeeVariables() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request set-var(txn.path) path
                http-request set-var(req.only) str(x)
                http-response set-header X-Order frontend
                http-response set-header X-Path %[var(txn.path)]-%[var(req.only)]-%[path]
                http-after-response add-header X-After f
                default_backend b
            backend b
                http-response set-header X-Order backend
                http-response add-header X-Back %[res.hdr(x-server),upper]
                http-response allow
                http-response set-header X-Never yes
                http-after-response add-header X-After b
                server s 127.0.0.1:1

            """))
        let router = RequestRouter(plan: plan)
        let frontend = try XCTUnwrap(plan.frontends.first)
        let routed = router.route(frontend, RequestFacts(target: "/p?q=1", source: "127.0.0.1"), tracing: false)
        XCTAssertEqual(routed.outcome, .backend("b"))
        var facts = routed.request
        facts.response = ResponseFacts(status: 200, reason: "OK", headers: [HTTPHeaderField(name: "X-Server", value: "app")])
        let decision = router.respond(frontend, backend: "b", facts)
        XCTAssertNil(decision.denied)
        let after = router.afterResponse(frontend, backend: "b", decision.facts)
        XCTAssertEqual(after.response?.headers.map { "\($0.name): \($0.value)" },
                       ["X-Server: app", "X-Back: APP", "X-Order: frontend", "X-Path: /p--", "X-After: b", "X-After: f"])
    }

    func testConvertersGiveHAProxysValues() throws {
        // Expected values read from haproxy 2.6.12 (HTTPRuleLanguageDifferentialTests checks them live).
        let cases: [(String, String)] = [
            ("path,hex", "2F612F622F63"), ("path,base64", "L2EvYi9j"), ("path,field(2,/)", "a"), ("path,field(2,/,2)", "a/b"),
            ("path,word(2,/)", "b"), ("path,regsub(/,_,g)", "_a_b_c"), ("path,regsub(^/a,X)", "X/b/c"),
            ("path,crc32", "2530205716"), ("path,djb2", "2088251480"), ("path,sdbm", "2313627737"),
            ("src,ipmask(16)", "127.0.0.0"), ("url_param(q),url_dec", "hello world"), ("path,length,mul(3),sub(1),div(2)", "8"),
            ("path,length,mod(4),neg", "-2"), ("str(AbC),lower", "abc"), ("path,upper", "/A/B/C"),
        ]
        let router = RequestRouter(plan: try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
            \(cases.enumerated().map { "    http-request set-header X-\($0.offset) %[\($0.element.0)]" }.joined(separator: "\n"))
                default_backend b
            backend b
                server s 127.0.0.1:1

            """)))
        let decision = router.route(router.plan.frontends[0], RequestFacts(target: "/a/b/c?q=hello%20world&z=1", source: "127.0.0.1"))
        XCTAssertEqual(router.plan.unsupported.map(\.directive), [])
        for (index, (expression, expected)) in cases.enumerated() {
            XCTAssertEqual(decision.request.fullHeaderValues("X-\(index)").first, expected, expression)
        }
    }

    func testTCPRequestRulesCompileAndDecide() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode tcp
            frontend f
                bind 127.0.0.1:8080
                tcp-request inspect-delay 5s
                tcp-request connection set-var(sess.seen) str(yes)
                tcp-request connection accept if { src 10.0.0.0/8 }
                tcp-request connection reject if { src 192.0.2.0/24 }
                tcp-request content reject if { var(sess.seen) -m str no }
                tcp-request content reject if { req.ssl_sni -m end .example }
                tcp-request content reject if REQ_CONTENT
                default_backend b
            backend b
                server s 127.0.0.1:1

            """))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.inspectDelayMs, 5000)
        XCTAssertEqual(frontend.tcpRequestRules.map(\.action), [.setVar, .accept, .reject, .reject])
        XCTAssertEqual(plan.unsupported.map(\.directive), ["tcp-request content reject if { req.ssl_sni -m end .example }",
                                                           "tcp-request content reject if REQ_CONTENT"])
        let router = RequestRouter(plan: plan)
        let stages: Set<TCPRule.Stage> = [.connection, .session, .content]
        XCTAssertTrue(router.tcpVerdict(frontend, stages: stages, RequestFacts(source: "10.1.1.1")).accepted)
        XCTAssertFalse(router.tcpVerdict(frontend, stages: stages, RequestFacts(source: "192.0.2.7")).accepted)
        let accepted = router.tcpVerdict(frontend, stages: stages, RequestFacts(source: "127.0.0.1"))
        XCTAssertTrue(accepted.accepted)
        XCTAssertEqual(accepted.facts.variables["sess.seen"], .string("yes"))
    }

    func testAcceptOnlyResponseRulesAndUnusedDefaultsTimeoutsAreNotUnsupported() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode tcp
                timeout connect 5s
                timeout server 5s
                timeout tarpit 5s
            listen l
                bind 127.0.0.1:8080
                tcp-response inspect-delay 5s
                tcp-response content accept
                server s 127.0.0.1:1
            defaults
                mode http
                timeout server 5s
            frontend f
                bind 127.0.0.1:8081
                http-request return status 200

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive), [], "no rule tarpits, so 'timeout tarpit' changes nothing")
    }

    /// Hostile values never trap: the smallest integer divided by -1, a negative field count, a huge mask.
    func testConvertersNeverTrap() throws {
        let expressions = ["int(-9223372036854775808),div(-1)", "int(-9223372036854775808),mod(-1)", "path,field(1,/,-1)",
                           "src,ipmask(99)", "path,bytes(99)", "path,word(-99,/)", "str(%zz),url_dec"]
        let router = RequestRouter(plan: try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
            \(expressions.enumerated().map { "    http-request set-header X-\($0.offset) %[\($0.element)]" }.joined(separator: "\n"))
                default_backend b
            backend b
                server s 127.0.0.1:1

            """)))
        XCTAssertEqual(router.plan.unsupported.map(\.directive), [])
        let decision = router.route(router.plan.frontends[0], RequestFacts(target: "/a/b", source: "127.0.0.1"))
        XCTAssertEqual(decision.request.fullHeaderValues("X-0"), ["-9223372036854775808"])
        XCTAssertEqual(decision.request.fullHeaderValues("X-1"), ["0"])
        XCTAssertEqual((2..<expressions.count).map { decision.request.fullHeaderValues("X-\($0)") }, Array(repeating: [""], count: 5))
    }
}
