import ConfigDiagnostics
import HAProxyConfig
import XCTest

/// `ACLTestSpec` reads an ACL test as HAProxy's `parse_acl_expr` does; the checker's ACL rules and the planner
/// both read it.
final class ACLTestSpecTests: XCTestCase {
    static let file = SourceFile(path: "t.cfg", text: "")
    static let here = file.range(0, 0)

    static func spec(_ text: String) -> ACLTestSpec? {
        ACLTestSpec(words: text.split(separator: " ").map(String.init), ranges: [], fallback: here, name: nil)
    }

    func testFlagsTheirValuesAndThePatterns() throws {
        let test = try XCTUnwrap(Self.spec("req.hdr(host),lower -i -u 3 -m beg -f a.lst -n -- -x y"))
        XCTAssertEqual(test.fetch, "req.hdr")
        XCTAssertEqual(test.fetchArgument, "host")
        XCTAssertEqual(test.converters, ["lower"])
        XCTAssertEqual(test.flags, ["-i", "-u", "-m", "-f", "-n"])
        XCTAssertEqual(test.matchMethodName, "beg")
        XCTAssertEqual(test.patternFiles.map(\.text), ["a.lst"])
        XCTAssertEqual(test.values.map(\.text), ["-x", "y"], "`--` ends the flags")
        XCTAssertTrue(test.ignoresCase)
        XCTAssertNil(test.unknownFlag)
        XCTAssertEqual(test.matchMethod(), .beg)
        XCTAssertNil(Self.spec(""))
    }

    func testAWordStartingWithADashIsAFlagAndAnUnknownOneIsNamed() throws {
        let test = try XCTUnwrap(Self.spec("dst_port -5"))
        XCTAssertEqual(test.unknownFlag, "-5")
        XCTAssertEqual(test.values.map(\.text), [])
        XCTAssertEqual(try XCTUnwrap(Self.spec("src -M -f m.map")).loadsAsMap, true)
    }

    func testTheDefaultMatchMethodFollowsTheKeywordOrTheFetchType() {
        XCTAssertEqual(Self.spec("path_beg /a")?.matchMethod(), .beg)
        XCTAssertEqual(Self.spec("dst_port 80")?.matchMethod(), .int)
        XCTAssertEqual(Self.spec("src 10.0.0.0/8")?.matchMethod(), .ip)
        XCTAssertNil(Self.spec("src -m nope 1")?.matchMethod())
    }

    func testPatternProblemsCarryHAProxysMessages() throws {
        let problems = { (text: String) in Self.spec(text)?.patternProblems(readFile: { _ in nil }).map(\.message) ?? [] }
        XCTAssertEqual(problems("dst_port 80x gt 2 1024: :90"), ["'80x' is not a number"])
        XCTAssertEqual(problems("src 10.1.0.300 ::1 localhost"), ["'10.1.0.300' is not a valid IPv4 or IPv6 address"])
        XCTAssertEqual(problems("path_reg ^/old(/"), ["regex '^/old(/' is invalid: missing closing parenthesis"])
        XCTAssertEqual(problems("src -m nope 1"), ["unknown matching method 'nope' when parsing ACL expression"])
        XCTAssertEqual(problems("path_beg 80x"), [], "string methods parse no pattern")
    }

    func testAPatternFileIsReadLineByLineAndItsFirstBadLineReported() throws {
        let content = "# ports\n  80  \n\r\n8080\n80x\n90y\n"
        XCTAssertEqual(ACLTestSpec.patterns(inFile: content).map(\.text), ["80", "8080", "80x", "90y"])
        XCTAssertEqual(ACLTestSpec.patterns(inFile: content).map(\.line), [2, 4, 5, 6])
        let test = try XCTUnwrap(Self.spec("dst_port -f ports.lst"))
        XCTAssertEqual(test.patternProblems(readFile: { $0 == "ports.lst" ? content : nil }).map(\.message),
                       ["'80x' is not a number at line 5 of 'ports.lst'"])
    }
}
