import ConfigDiagnostics
import Foundation
@testable import KeepalivedConfig
import XCTest

final class KeepalivedFormatterTests: XCTestCase {
    private func format(_ text: String) -> String {
        KeepalivedFormatter().format(SourceFile(path: "k.conf", text: text))
    }

    func testIndentationAndSpacing() {
        let input = "! comment\nvrrp_instance VI_1 {\nstate   MASTER\n  authentication {\n auth_type PASS   # clear text\n}\n\n\n  virtual_ipaddress { 10.0.0.1/24 }\n    }\n"
        let expected = "! comment\nvrrp_instance VI_1 {\n    state MASTER\n    authentication {\n        auth_type PASS # clear text\n    }\n\n    virtual_ipaddress { 10.0.0.1/24 }\n}\n"
        XCTAssertEqual(format(input), expected)
        XCTAssertEqual(format(expected), expected)
    }

    func testQuotesMarkersAndContinuations() {
        let input = "vrrp_script s {\n  script \"/bin/check   --flag\"\n@high\tinterval 1\n  notify \"a \\\n b\"\n}\n"
        let expected = "vrrp_script s {\n    script \"/bin/check   --flag\"\n@high interval 1\n    notify \"a \\\n        b\"\n}\n"
        XCTAssertEqual(format(input), expected)
        XCTAssertEqual(format(expected), expected)
    }

    func testFormattedConfigReadsTheSame() {
        let input = "vrrp_instance VI_1 {\nstate MASTER\n virtual_router_id 51\n  priority 101\n virtual_ipaddress {\n10.10.0.10/24\n}\n}\n"
        let before = KeepalivedParser().parse(SourceFile(path: "k.conf", text: input)).configuration
        let after = KeepalivedParser().parse(SourceFile(path: "k.conf", text: format(input))).configuration
        XCTAssertEqual(before.instances.map(\.virtualRouterID), after.instances.map(\.virtualRouterID))
        XCTAssertEqual(before.instances.map(\.priority), after.instances.map(\.priority))
        XCTAssertEqual(before.instances.map { $0.virtualAddresses.map(\.address) }, after.instances.map { $0.virtualAddresses.map(\.address) })
    }
}

/// Probe defects D11 and D17 for keepalived.conf: bytes kept, output bounded.
final class KeepalivedFormatterLimitTests: XCTestCase {
    func testDeepNestingStopsIndentingAtTheLimit() {
        let input = String(repeating: "{\n", count: 10_000)
        let output = KeepalivedFormatter().formattedBytes(SourceFile(path: "k.conf", text: input))
        // 40 KB became 400 MB; capped at 64 levels it is at most 10,000 × (256 + 2) bytes.
        XCTAssertLessThanOrEqual(output.count, 10_000 * (KeepalivedParser.maximumDepth * 4 + 2))
        XCTAssertEqual(output.filter { $0 == UInt8(ascii: "{") }.count, 10_000)
    }

    func testBytesThatAreNotUTF8AreCopied() {
        let input: [UInt8] = Array("vrrp_instance VI_1 {\n  ! caf".utf8) + [0xE9] + Array("\n  state MASTER\n}\n".utf8)
        let output = KeepalivedFormatter().formattedBytes(SourceFile(path: "k.conf", bytes: input))
        XCTAssertEqual(output, Array("vrrp_instance VI_1 {\n    ! caf".utf8) + [0xE9] + Array("\n    state MASTER\n}\n".utf8))
    }
}
