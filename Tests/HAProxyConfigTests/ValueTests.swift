@testable import HAProxyConfig
import XCTest

final class ValueTests: XCTestCase {
    func testDurations() {
        XCTAssertEqual(try Duration.parse("5s").get().milliseconds, 5_000)
        XCTAssertEqual(try Duration.parse("100").get().milliseconds, 100)
        XCTAssertEqual(try Duration.parse("3", defaultUnit: .seconds).get().milliseconds, 3_000)
        XCTAssertEqual(try Duration.parse("10us").get().microseconds, 10)
        XCTAssertEqual(try Duration.parse("1h").get().description, "1h")
        XCTAssertEqual(try Duration.parse("90s").get().description, "90s")
        XCTAssertEqual(try Duration.parse("1d").get().milliseconds, 86_400_000)
        // HAProxy 2.6 reads the unit's first letters and only warns about the rest.
        XCTAssertEqual(try Duration.parse("5sec").get().milliseconds, 5_000)
        XCTAssertEqual(try Duration.parse("15min").get().milliseconds, 900_000)
        XCTAssertEqual(try Duration.parse("1m30s").get().milliseconds, 60_000)
        XCTAssertEqual(Duration.ignoredSuffix("1m30s")?.read, "1m")
        XCTAssertEqual(Duration.ignoredSuffix("15min")?.ignored, "in")
        XCTAssertNil(Duration.ignoredSuffix("15ms"))
        XCTAssertEqual(Duration.parse("10S"), .failure(.badUnit("S")))
        XCTAssertEqual(Duration.parse("5ux"), .failure(.badUnit("ux")))
        XCTAssertEqual(Duration.parse("s"), .failure(.notANumber))
        XCTAssertEqual(Duration.parse("30d"), .failure(.overflow))
    }

    func testSizes() {
        XCTAssertEqual(ByteSize.parse("100k")?.bytes, 102_400)
        XCTAssertEqual(ByteSize.parse("1G")?.bytes, 1 << 30)
        XCTAssertNil(ByteSize.parse("10kb"))
    }

    /// HAProxy's second expansion of addresses (`env_expand`), outside quotes too.
    func testAddressExpansion() {
        let resolver = VariableResolver(overrides: ["PORT": "8080", "HOST": "10.0.0.1"])
        XCTAssertNil(resolver.expandAddress("1.2.3.4:80"))
        XCTAssertEqual(resolver.expandAddress("*:$PORT")?.text, "*:8080")
        XCTAssertEqual(resolver.expandAddress("${HOST}:${PORT}")?.text, "10.0.0.1:8080")
        XCTAssertEqual(resolver.expandAddress("x$UNSET:81"), .init(text: "x:81", unset: ["UNSET"]))
        XCTAssertEqual(resolver.expandAddress("${HOST-x}")?.text, "10.0.0.1-x}")
    }

    func testAddresses() {
        let parse = { (text: String) in try? ConfigAddress.parse(text, portRequired: true, allowRange: true).get() }
        XCTAssertEqual(parse("0.0.0.0:443"), ConfigAddress(family: .ipv4, host: "0.0.0.0", port: .single(443)))
        XCTAssertEqual(parse(":80")?.family, .any)
        XCTAssertEqual(parse("*:80")?.family, .any)
        XCTAssertEqual(parse(":::443"), ConfigAddress(family: .ipv6, host: "::", port: .single(443)))
        XCTAssertEqual(parse("ipv6@[::1]:80")?.host, "::1")
        XCTAssertEqual(parse("10.0.0.1:8000-8010")?.port, .range(8000, 8010))
        XCTAssertEqual(parse("unix@/run/h.sock")?.family, .unix)
        XCTAssertEqual(parse("/run/h.sock")?.family, .unix)
        XCTAssertEqual(parse("abns@x")?.family, .abns)
        XCTAssertEqual(parse("fd@3")?.family, .fd)
        XCTAssertNil(parse("10.0.0.1"))
        XCTAssertEqual(ConfigAddress.parse("1.2.3.4:99999", portRequired: false, allowRange: false), .failure(.invalidPort("99999")))
        // atoi, as HAProxy 2.6 reads a port: trailing text is dropped, a leading non-digit is refused.
        XCTAssertEqual(parse("1.2.3.4:8080x")?.port, .single(8080))
        XCTAssertEqual(parse("1.2.3.4:8000.5")?.port, .single(8000))
        XCTAssertEqual(ConfigAddress.parse("1.2.3.4:x80", portRequired: false, allowRange: false), .failure(.invalidPort("x80")))
        XCTAssertEqual(ConfigAddress.parse("1.2.3.4:80-90", portRequired: false, allowRange: false),
                       .failure(.portRangeNotAllowed("80-90")))
        XCTAssertEqual(ConfigAddress.parse("web.local", portRequired: false, allowRange: false).map(\.family), .success(.hostname))
        XCTAssertEqual(ConfigAddress.parse("1.2.3.4:+1", portRequired: false, allowRange: false, allowOffset: true).map(\.port),
                       .success(.offset(1)))
    }

    func testDirectoryNames() {
        XCTAssertTrue(ConfigFileList.isConfigName("10-web.cfg"))
        XCTAssertFalse(ConfigFileList.isConfigName(".hidden.cfg"))
        XCTAssertFalse(ConfigFileList.isConfigName("a.cfg.bak"))
        XCTAssertFalse(ConfigFileList.isConfigName("a.cfg.cfg"))
        XCTAssertFalse(ConfigFileList.isConfigName("readme"))
    }
}
