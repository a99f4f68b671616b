import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// `log` targets, formats and options as the planner compiles them, with the
/// real `haproxy -c` as the oracle of which log-format strings are valid.
final class LogPlannerTests: XCTestCase {
    func testTargetsFollowGlobalThenProxyLinesAndNoLogClearsThem() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                log 127.0.0.1:5140 len 2048 format rfc5424 local0 info notice
                log [::1]:5141 sample 1,3-4:5 local1
                log-tag weir-test
                log-send-hostname edge1
            defaults
                mode http
                log global
                option httplog
            frontend fe
                bind 127.0.0.1:8080
                log /dev/log daemon err
                log stdout format raw local7 debug
            frontend quiet
                bind 127.0.0.1:8081
                no log

            """))
        XCTAssertEqual(plan.global.log.tag, "weir-test")
        XCTAssertEqual(plan.global.log.hostname, "edge1")
        XCTAssertTrue(plan.global.log.sendsHostname)
        let first = try XCTUnwrap(plan.global.log.targets.first)
        XCTAssertEqual(first, LogTarget(destination: .udp(host: "127.0.0.1", port: 5140), format: .rfc5424, facility: 16,
                                        maxLevel: 6, minLevel: 5, length: 2048))
        XCTAssertEqual(plan.global.log.targets[1].destination, .udp(host: "::1", port: 5141))
        XCTAssertEqual(plan.global.log.targets[1].sample, LogSample(ranges: [1...1, 3...4], size: 5))
        let fe = try XCTUnwrap(plan.frontends.first { $0.name == "fe" })
        XCTAssertEqual(fe.log.targets.map(\.destination), [.udp(host: "127.0.0.1", port: 5140), .udp(host: "::1", port: 5141),
                                                          .unixDatagram(path: "/dev/log"), .fileDescriptor(1)])
        XCTAssertEqual(fe.log.targets[2].maxLevel, 3)
        XCTAssertEqual(fe.log.style, .httplog)
        XCTAssertEqual(plan.frontends.first { $0.name == "quiet" }?.log.targets, [])
        XCTAssertFalse(plan.unsupported.contains { $0.feature == "logging" }, "\(plan.unsupported)")
    }

    /// `ring` sections and `log ring@NAME`: the ring's format and `maxlen` are the target's; a ring's `server` lines and a
    /// target naming no ring stay unsupported; `option logasap` is read.
    func testRingTargetsTakeTheirRingsSettings() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                log ring@events local0 info
                log ring@nowhere local0
            ring events
                description "traffic events"
                format rfc3164
                maxlen 200
                size 32768
            ring forwarded
                server collector 127.0.0.1:6514
            defaults
                mode http
                log global
                option httplog
                option logasap
            frontend fe
                bind 127.0.0.1:8080

            """))
        XCTAssertEqual(plan.global.log.rings, [RingPlan(name: "events", description: "traffic events", format: .rfc3164, maxLength: 200, size: 32768),
                                               RingPlan(name: "forwarded")])
        XCTAssertEqual(plan.global.log.rings[1].format, .raw)
        XCTAssertEqual(plan.global.log.targets, [LogTarget(destination: .ring("events"), format: .rfc3164, facility: 16, maxLevel: 6, length: 201)])
        XCTAssertEqual(Set(plan.unsupported.map(\.directive)), ["log ring@nowhere local0", "server collector 127.0.0.1:6514"])
        XCTAssertEqual(plan.frontends.first?.log.logAsap, true)
    }

    /// Ring sizes `haproxy -c` refuses are refused by the planner, with its message.
    func testRingSizesAreAcceptedOrRefusedAsHAProxyDoes() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: it is the oracle of this test")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-ring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, lines) in ["size 32768\n    maxlen 100", "size 300", "maxlen 0", "size 0", "maxlen 20000"].enumerated() {
            let text = "global\n    log ring@r local0\nring r\n    \(lines)\nlisten fe\n    bind 127.0.0.1:\(18200 + index)\n"
            let file = directory.appendingPathComponent("\(index).cfg")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let check = try ToolRun.run(haproxy, ["-c", "-f", file.path])
            let result = planResult(text)
            XCTAssertEqual(result.plan != nil, check.status == 0, "\(lines)\nhaproxy: \(check.output)\nweir: \(result.diagnostics.map(\.message))")
            for message in result.diagnostics.map(\.message) {
                XCTAssertTrue(check.output.contains(message), "\(message) not in \(check.output)")
            }
        }
    }

    func testHTTPFormatInATCPProxyFallsBackToTCPLogAsHAProxyDoes() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend fe
                mode tcp
                bind 127.0.0.1:9000
                log 127.0.0.1:514 local0
                option httplog
                option dontlognull
                option log-separate-errors
                default_backend be
            backend be
                mode tcp
                server s1 127.0.0.1:9001

            """))
        let log = try XCTUnwrap(plan.frontends.first).log
        XCTAssertEqual(log.style, .tcplog)
        XCTAssertTrue(log.dontLogNull)
        XCTAssertTrue(log.separateErrors)
    }

    func testRingTargetIsListedAsUnsupported() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                log ring@buffer local0

            """))
        XCTAssertTrue(plan.unsupported.contains { $0.feature == "logging" && $0.directive.contains("ring@") })
    }

    /// Each string is given to `haproxy -c` and to the planner in a frontend: both accept it or both refuse it.
    func testLogFormatStringsAreAcceptedOrRefusedAsHAProxyDoes() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy is not installed: it is the oracle of this test")
        let formats = [
            "%ci:%cp [%t] %ft %b/%s %Tq/%Tw/%Tc/%Tr/%Tt %ST %B %tsc %ac/%fc/%bc/%sc/%rc %{+Q}r",
            "%ci:%cp [%t] %ft %b/%s %Tq/%Tw/%Tc/%Tr/%TT %ST",
            "%{+Q}o %{-Q}ci %HM %HU %HP %HPO %HQ %HV %Th %Ti %TR %Td %Ta %Tu %U %ID %rt %lc %pid %H %ms %Ts %T %Tl %trg %trl",
            "%[src] %[req.hdr(host)] 100%% done",
            "%[src] %[dst_port] 100%% done",
            "%{+X}Ts %{+E}[path]",
            "%5 bad",
            "%{+Q}",
            "%zz",
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-logformat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, format) in formats.enumerated() {
            let text = """
                frontend fe
                    mode http
                    bind 127.0.0.1:\(18000 + index)
                    log 127.0.0.1:514 local0
                    log-format "\(format.replacingOccurrences(of: "\"", with: "\\\""))"

                """
            let file = directory.appendingPathComponent("\(index).cfg")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let check = try ToolRun.run(haproxy, ["-c", "-f", file.path])
            let output = check.output
            let haproxyAccepts = check.status == 0
            let result = planResult(text)
            let weirAccepts = result.plan != nil
            XCTAssertEqual(weirAccepts, haproxyAccepts, "\(format)\nhaproxy: \(output)\nweir: \(result.diagnostics.map(\.message))")
            if !haproxyAccepts, output.contains("no such format variable") {
                XCTAssertTrue(result.diagnostics.contains { $0.message.contains("no such format variable") }, format)
            }
        }
    }
}
