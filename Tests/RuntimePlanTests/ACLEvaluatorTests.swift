import RuntimePlan
import XCTest

/// Matchers and fetches the HAProxy table does not reach: IPv6 networks,
/// IPv4-mapped addresses, the integer forms.
final class ACLEvaluatorTests: XCTestCase {
    private func matches(_ acl: String, _ facts: RequestFacts) throws -> Bool {
        let plan = try XCTUnwrap(compilePlan("""
            frontend f
                mode http
                bind 127.0.0.1:8000
                acl x \(acl)
                http-request deny if x

            """))
        let test = try XCTUnwrap(plan.frontends.first?.acls.first?.tests.first)
        return ACLEvaluator(plan: plan).matches(test, facts)
    }

    func testNetworks() throws {
        XCTAssertTrue(try matches("src 2001:db8::/32", RequestFacts(source: "2001:db8::1")))
        XCTAssertFalse(try matches("src 2001:db8::/32", RequestFacts(source: "2001:db9::1")))
        XCTAssertTrue(try matches("src 10.0.0.0/255.0.0.0", RequestFacts(source: "10.9.8.7")))
        XCTAssertTrue(try matches("src 192.168.0.0/16", RequestFacts(source: "::ffff:192.168.3.4")))
    }

    func testIntegers() throws {
        XCTAssertTrue(try matches("dst_port 80 443 8000:8080", RequestFacts(destinationPort: 8001)))
        XCTAssertFalse(try matches("dst_port lt 80", RequestFacts(destinationPort: 80)))
        XCTAssertTrue(try matches("dst_port le 80", RequestFacts(destinationPort: 80)))
    }

    func testAbsentHeaderAndQueryDoNotMatch() throws {
        XCTAssertFalse(try matches("hdr(x-a) -m sub x", RequestFacts()))
        XCTAssertFalse(try matches("query -m found", RequestFacts(target: "/p")))
        XCTAssertTrue(try matches("query -m found", RequestFacts(target: "/p?")))
    }
}
