@testable import HAProxyConfig
import XCTest

final class ConditionEvaluatorTests: XCTestCase {
    private let evaluator = ConditionEvaluator(
        variables: VariableResolver(environment: ["SET": "1", "NAME": "x"]), build: .debianBookworm)

    private func value(_ expression: String) -> Bool? {
        try? evaluator.evaluate(expression).get()
    }

    func testPredicates() {
        XCTAssertEqual(value("defined(SET)"), true)
        XCTAssertEqual(value("defined(UNSET)"), false)
        XCTAssertEqual(value("feature(OPENSSL)"), true)
        XCTAssertEqual(value("feature(QUIC)"), false)
        XCTAssertEqual(value("streq(a,a)"), true)
        XCTAssertEqual(value("strneq(a, a)"), false)
        XCTAssertEqual(value("version_atleast(2.4)"), true)
        XCTAssertEqual(value("version_atleast(2.7-dev0)"), false)
        XCTAssertEqual(value("version_before(2.6.13)"), true)
        XCTAssertEqual(value("openssl_version_atleast(1.1.1)"), true)
        XCTAssertEqual(value("ssllib_name_startswith(OpenSSL)"), true)
    }

    func testOperatorsAndNumbers() {
        XCTAssertEqual(value(""), false)
        XCTAssertEqual(value("1"), true)
        XCTAssertEqual(value("0"), false)
        XCTAssertEqual(value("! 0"), true)
        XCTAssertEqual(value("0 || 1 && 0"), false)
        XCTAssertEqual(value("(0 || 1) && !0"), true)
        XCTAssertEqual(value("defined(SET) && feature(LUA)"), true)
    }

    func testErrors() {
        XCTAssertNil(value("nosuch(1)"))
        XCTAssertNil(value("defined(A"))
        XCTAssertNil(value("1 2"))
        XCTAssertNil(value("(1"))
        XCTAssertNil(value(String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)))
    }
}
