import RuntimePlan
import XCTest

/// The router without tracing (the engine's path) decides exactly as with
/// it (`weir route`'s path), and a `listen` without `default_backend` is its
/// own backend.
final class RequestRouterTests: XCTestCase {
    func testRoutingWithoutTraceDecidesTheSame() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                acl is_api path_beg /api
                acl is_admin hdr(host) -i admin.example
                http-request deny if is_admin !{ src 10.0.0.0/8 }
                http-request set-header X-Seen yes if is_api
                http-request redirect prefix /new code 301 if { path_beg /old }
                use_backend api if is_api or { hdr(x-api) -m found }
                default_backend web
            backend api
                http-request return status 204 if { method OPTIONS }
                server a 127.0.0.1:1
            backend web
                server w 127.0.0.1:2
            listen l
                bind 127.0.0.1:8081
                server own 127.0.0.1:3

            """))
        let router = RequestRouter(plan: plan)
        let requests = [
            RequestFacts(target: "/api/x", source: "127.0.0.1"),
            RequestFacts(method: "OPTIONS", target: "/api/x", source: "127.0.0.1"),
            RequestFacts(target: "/", headers: [HTTPHeaderField(name: "Host", value: "admin.example")], source: "127.0.0.1"),
            RequestFacts(target: "/", headers: [HTTPHeaderField(name: "Host", value: "admin.example")], source: "10.1.2.3"),
            RequestFacts(target: "/old/page", source: "127.0.0.1"),
            RequestFacts(target: "/x", headers: [HTTPHeaderField(name: "X-Api", value: "1")], source: "127.0.0.1"),
            RequestFacts(target: "/static", source: "127.0.0.1"),
        ]
        for facts in requests {
            let traced = router.route(plan.frontends[0], facts)
            let untraced = router.route(plan.frontends[0], facts, tracing: false)
            XCTAssertEqual(untraced.outcome, traced.outcome, facts.target)
            XCTAssertEqual(untraced.request, traced.request, facts.target)
            XCTAssertFalse(traced.steps.isEmpty)
            XCTAssertTrue(untraced.steps.isEmpty)
        }
        let listen = try XCTUnwrap(plan.frontends.first { $0.name == "l" })
        XCTAssertEqual(router.route(listen, RequestFacts()).outcome, .backend("l"))
    }
}
