@testable import ConfigCheck
import XCTest

/// The OpenSSL cipher-string reading behind ssl-cipher-unknown.
final class CipherStringTests: XCTestCase {
    func testElementsSplitOnEverySeparatorWithOffsets() {
        let elements = CipherString.elements("HIGH:!aNULL,MEDIUM;LOW  @STRENGTH")
        XCTAssertEqual(elements.map(\.text), ["HIGH", "!aNULL", "MEDIUM", "LOW", "@STRENGTH"])
        XCTAssertEqual(elements.map(\.offset), [0, 5, 12, 19, 24])
    }

    func testKnownNamesKeywordsAndCombinations() {
        let result = CipherString.unknownElements(
            of: "ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:kEECDH+aRSA+AESGCM:+RC4:@SECLEVEL=1")
        XCTAssertEqual(result.unknown, [])
        XCTAssertTrue(result.anyKnown)
    }

    func testRemovingAnUnknownNameIsNotReported() {
        XCTAssertEqual(CipherString.unknownElements(of: "HIGH:!EXPORT:-KRB5").unknown, [])
    }

    func testUnknownElementsAndWhetherAnythingIsKnown() {
        let mixed = CipherString.unknownElements(of: "HIGH:ECDHE+AES999:@FASTEST")
        XCTAssertEqual(mixed.unknown.map(\.text), ["ECDHE+AES999", "@FASTEST"])
        XCTAssertTrue(mixed.anyKnown)
        XCTAssertFalse(CipherString.unknownElements(of: "high:medium").anyKnown, "keywords are case-sensitive")
    }

    func testSuitesAreTLS13NamesOnly() {
        let result = CipherString.unknownSuites(of: "TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256")
        XCTAssertEqual(result.unknown.map(\.text), ["ECDHE-RSA-AES128-GCM-SHA256"])
        XCTAssertTrue(result.anyKnown)
    }
}
