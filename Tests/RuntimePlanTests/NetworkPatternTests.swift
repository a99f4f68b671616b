import ConfigDiagnostics
import Foundation
import HAProxyConfig
@testable import RuntimePlan
@testable import RuntimePlanner
import XCTest

/// Addresses and masks as HAProxy reads them (probe defect D2): the engine
/// never traps on a word, reads the forms HAProxy accepts, and the planner
/// refuses what HAProxy refuses before the engine ever sees it.
final class NetworkPatternTests: XCTestCase {
    static let probe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/probe")

    func testHostileWordsAreRefusedWithoutTrapping() {
        let words = ["/", "//", "/8", "1.2.3.4/", "1.2.3.4//8", "", ":", "::/", ":::", "1.2.3.4/-1", "1.2.3.4/999999999999999999999",
                     "::1/129", "1.2.3.4/33", "256.0.0.0", "1.2.3.4.5", "0x10.0.0.1", "1.2.3.4/255.255.255", "\u{0}",
                     "1..2", ".", "1.", "fe80::1%", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3"]
        for word in words {
            XCTAssertNil(NetworkPattern(word), "'\(word)' is not a network")
        }
        XCTAssertNil(IPAddressBytes("/"))
    }

    func testIntegerComparisonsAtTheEndsOfTheRangeDoNotTrap() throws {
        let greater = try XCTUnwrap(IntegerPattern("gt 9223372036854775807"))
        let less = try XCTUnwrap(IntegerPattern("lt -9223372036854775808"))
        for value: Int64 in [.min, 0, .max] {
            XCTAssertFalse(greater.matches(value))
            XCTAssertFalse(less.matches(value))
        }
    }

    func testReadsTheFormsHAProxyAccepts() throws {
        let cases: [(String, String, Bool)] = [
            ("10.0.0.0/8", "10.200.1.1", true), ("10.0.0.0/8", "11.0.0.1", false),
            ("10.1", "10.0.0.1", true),                 // inet_aton: the last part fills the rest
            ("010.0.0.1", "8.0.0.1", true),             // a leading 0 is octal
            ("10.0.0.0/255.0.255.0", "10.9.0.9", true), ("10.0.0.0/255.0.255.0", "10.0.9.9", false),
            ("1.2.3.4/0", "200.1.1.1", true), ("::1/128", "::1", true), ("fe80::/10", "fe80::abcd", true),
            ("127.0.0.0/8", "::ffff:127.0.0.1", true), ("::ffff:10.0.0.0/104", "10.1.2.3", true),
        ]
        for (pattern, address, expected) in cases {
            let network = try XCTUnwrap(NetworkPattern(pattern), pattern)
            let candidate = try XCTUnwrap(IPAddressBytes(address), address)
            XCTAssertEqual(network.contains(candidate), expected, "\(pattern) contains \(address)")
        }
    }

    /// HAProxy refuses every one of these with "expects <address>[/mask]"; so does compile.
    func testPlannerRefusesForwardforExceptThatHAProxyRefuses() throws {
        let text = try String(contentsOf: Self.probe.appendingPathComponent("forwardfor-except-slash.cfg"), encoding: .utf8)
        let result = planResult(text)
        XCTAssertNil(result.plan)
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["forwardfor-except-invalid"])
        for value in ["10.0.0.0/33", "not-an-address", "10.0.0.1/", "::1/129"] {
            let changed = text.replacingOccurrences(of: "except /", with: "except \(value)")
            XCTAssertEqual(planResult(changed).diagnostics.map(\.rule.rawValue), ["forwardfor-except-invalid"], value)
        }
        let valid = text.replacingOccurrences(of: "except /", with: "except 10.0.0.0/255.0.0.0")
        XCTAssertEqual(compilePlan(valid)?.frontends.first?.options.forwardFor?.except, "10.0.0.0/255.0.0.0")
    }

    /// A pattern file line `/` crashed compile, route and run.
    func testPatternFileLineSlashIsAnError() throws {
        let text = try String(contentsOf: Self.probe.appendingPathComponent("acl-src-file.cfg"), encoding: .utf8)
        let patterns = try String(contentsOf: Self.probe.appendingPathComponent("pats.lst"), encoding: .utf8)
        let result = planResult(text, patternFiles: ["pats.lst": patterns])
        XCTAssertNil(result.plan)
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["acl-invalid"])
    }
}
