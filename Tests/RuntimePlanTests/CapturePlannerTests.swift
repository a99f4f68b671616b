import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// Capture slots as the planner lays them out (HAProxy's order: each line
/// takes the next slot where it is written), and the capture lines the real
/// `haproxy -c` refuses refused by the planner too.
final class CapturePlannerTests: XCTestCase {
    func testSlotsFollowTheLinesInOrder() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend fe
                mode http
                bind 127.0.0.1:8080
                capture request header Host len 32
                declare capture request len 12
                http-request capture req.hdr(user-agent) len 10
                capture cookie SESSIONID len 80
                capture response header Content-Type len 20
                declare capture response len 8
                http-request capture path id 1
                http-response capture res.hdr(x-backend) id 1
                default_backend b
            backend b
                server s 127.0.0.1:1

            """))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.log.requestCaptures, [HeaderCapture(header: "host", length: 32), HeaderCapture(header: nil, length: 12),
                                                      HeaderCapture(header: nil, length: 10)])
        XCTAssertEqual(frontend.log.responseCaptures, [HeaderCapture(header: "content-type", length: 20),
                                                       HeaderCapture(header: nil, length: 8)])
        XCTAssertEqual(frontend.log.cookieCapture, CookieCapture(name: "SESSIONID", length: 63), "HAProxy keeps 63 bytes at most")
        XCTAssertEqual(frontend.httpRequestRules.map(\.captureSlot), [2, 1])
        XCTAssertEqual(frontend.httpResponseRules.map(\.captureSlot), [1])
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
    }

    /// `tcp-request content capture … len N` takes a request slot where it is written, among the others.
    func testContentCaptureRulesTakeSlotsInOrder() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend fe
                mode http
                bind 127.0.0.1:8080
                tcp-request content capture src len 15
                capture request header Host len 32
                tcp-request content capture req.hdr(user-agent) len 6 if { path_beg /a }
                http-request capture path len 10
                default_backend b
            backend b
                server s 127.0.0.1:1

            """))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.log.requestCaptures, [HeaderCapture(header: nil, length: 15), HeaderCapture(header: "host", length: 32),
                                                      HeaderCapture(header: nil, length: 6), HeaderCapture(header: nil, length: 10)])
        XCTAssertEqual(frontend.tcpRequestRules.map(\.captureSlot), [0, 2])
        XCTAssertEqual(frontend.tcpRequestRules.map(\.action), [.capture, .capture])
        XCTAssertEqual(frontend.httpRequestRules.map(\.captureSlot), [3])
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
    }

    /// Each frontend is given to `haproxy -c` and to the planner: both accept it or both refuse it.
    func testCaptureLinesAreAcceptedOrRefusedAsHAProxyDoes() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: it is the oracle of this test")
        let cases = [
            "declare capture request len 4\n    http-request capture path id 0",
            "http-request capture path id 0",
            "declare capture request len 4\n    http-response capture status id 0",
            "declare capture response len 4\n    http-response capture status id 0",
            "http-request capture path len 8\n    http-request capture path id 0",
            "tcp-request content capture src len 15\n    http-request capture path id 0",
            "tcp-request content capture src",
            "tcp-request content capture src len 0",
            "tcp-request connection capture src len 4",
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, lines) in cases.enumerated() {
            let text = """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend fe
                    bind 127.0.0.1:\(18100 + index)
                    \(lines)
                    default_backend b
                backend b
                    server s 127.0.0.1:1

                """
            let file = directory.appendingPathComponent("\(index).cfg")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let check = try ToolRun.run(haproxy, ["-c", "-f", file.path])
            let output = check.output
            let result = planResult(text)
            XCTAssertEqual(result.plan != nil, check.status == 0, "\(lines)\nhaproxy: \(output)\nweir: \(result.diagnostics.map(\.message))")
            if let message = result.diagnostics.first(where: { $0.message.contains("unable to find capture id") })?.message {
                XCTAssertTrue(output.contains(message), "\(message) not in \(output)")
            }
        }
    }
}
