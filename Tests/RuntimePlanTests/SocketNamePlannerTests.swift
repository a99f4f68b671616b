import RuntimePlan
import XCTest

/// `so_name` reads the `name` of the bind a connection came in on: the only bind's, or the one whose address
/// and port match; nothing for an unnamed bind.
final class SocketNamePlannerTests: XCTestCase {
    func testTheBindOfTheLocalAddressNamesTheSocket() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend two
                bind 127.0.0.1:8080 name first
                bind :8081 name second
                bind 127.0.0.1:8082
                http-request return status 200
            frontend one
                bind 127.0.0.1:9090 name only
                http-request return status 200

            """))
        let two = try XCTUnwrap(plan.frontends.first { $0.name == "two" })
        XCTAssertEqual(two.listenerName(destination: "127.0.0.1", port: 8080), "first")
        XCTAssertEqual(two.listenerName(destination: "10.1.2.3", port: 8081), "second", "a wildcard address takes any")
        XCTAssertNil(two.listenerName(destination: "127.0.0.1", port: 8082))
        let one = try XCTUnwrap(plan.frontends.first { $0.name == "one" })
        XCTAssertEqual(one.listenerName(destination: nil, port: nil), "only")
        let router = RequestRouter(plan: plan)
        let facts = RequestFacts(destination: "127.0.0.1", destinationPort: 8082)
        XCTAssertNil(router.route(two, facts).request.listenerName, "so_name fails on an unnamed bind")
    }
}
