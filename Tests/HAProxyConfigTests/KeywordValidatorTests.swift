import ConfigDiagnostics
@testable import HAProxyConfig
import XCTest

final class KeywordValidatorTests: XCTestCase {
    func testUnknownKeywordSuggestsTheClosest() {
        let marked = MarkedSource("backend b\n    ↓balanse roundrobin\n")
        let diagnostic = read(marked).diagnostics[0]
        XCTAssertEqual(diagnostic.rule.rawValue, "unknown-keyword")
        XCTAssertEqual(diagnostic.range.start.offset, marked.markers[0])
        XCTAssertEqual(diagnostic.fixIts.first?.replacement, "balance")
    }

    func testUnknownSubKeyword() {
        let marked = MarkedSource("defaults\n    ↓timeout conect 5s\n")
        let diagnostic = read(marked).diagnostics[0]
        XCTAssertEqual(diagnostic.rule.rawValue, "unknown-keyword")
        XCTAssertEqual(diagnostic.fixIts.first?.replacement, "connect")
    }

    func testWrongSectionSaysWhereItBelongs() {
        let marked = MarkedSource("frontend f\n    ↓server s 127.0.0.1:80\n")
        let diagnostic = read(marked).diagnostics[0]
        XCTAssertEqual(diagnostic.rule.rawValue, "keyword-wrong-section")
        XCTAssertEqual(diagnostic.notes.first?.message, "it belongs in 'backend', 'listen'")
        assertDiagnostics("backend b\n    ↓maxconn 10\n", ["keyword-ignored"])
    }

    func testArgumentTypes() {
        assertDiagnostics("defaults\n    timeout connect ↓5sec\n", ["time-suffix-ignored"])
        assertDiagnostics("defaults\n    timeout connect ↓5x\n", ["invalid-argument"])
        assertDiagnostics("global\n    maxconn ↓lots\n", ["invalid-argument"])
        assertDiagnostics("backend b\n    server web01 ↓10.10.1.11:99999\n", ["invalid-argument"])
        assertDiagnostics("backend b\n    server web01 ↓10.10.1.300:80\n", ["invalid-argument"])
        // A server's address that does not parse is a bad address, not an unknown option.
        assertDiagnostics("backend b\n    server pg1 ↓<pg-node1-ip>:5432 check\n", ["invalid-argument"])
        assertDiagnostics("backend b\n    mode ↓htp\n", ["invalid-argument"])
        assertDiagnostics("backend b\n    ↓mode\n", ["missing-argument"])
        assertDiagnostics("global\n    daemon ↓now\n", ["extra-argument"])
        assertDiagnostics("frontend f\n    bind ↓:http\n", ["invalid-argument"])
    }

    func testTimeUnitFixIt() {
        let diagnostic = read(MarkedSource("defaults\n    timeout connect 5sec\n")).diagnostics[0]
        XCTAssertEqual(diagnostic.fixIts.first?.replacement, "5s")
    }

    func testServerAndBindOptions() {
        assertDiagnostics("backend b\n    server s 127.0.0.1:80 check inter ↓2x weight ↓300 ↓chek\n",
                          ["invalid-argument", "invalid-argument", "unknown-server-option"])
        assertDiagnostics("frontend f\n    bind :443 ssl crt /a.pem ssl-min-ver ↓TLSv1.4\n", ["invalid-argument"])
        assertDiagnostics("backend b\n    server s 127.0.0.1:80 check ssl verify none\n", [])
    }

    func testArticleMistakesAreReportedAtTheWord() {
        let result = read(MarkedSource("""
            frontend https_frontend
                bind 0.0.0.0:443 ssl crt /etc/haproxy/certs/solvethenetwork.com.pem ssl-min-ver TLSv1.2 ciphers A:B
                mode http

            """))
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.configuration.proxies[0].binds[0].certificates, ["/etc/haproxy/certs/solvethenetwork.com.pem"])
        XCTAssertTrue(result.configuration.proxies[0].binds[0].isTLS)
    }

    func testRulesNeedANamedDefaultsSection() {
        assertDiagnostics("defaults\n    ↓acl a src 10.0.0.1\n    ↓http-request deny\n", ["keyword-wrong-section", "keyword-wrong-section"])
        assertDiagnostics("defaults base\n    acl a src 10.0.0.1\n    http-request deny\n", [])
    }

    func testNamesAndHeaders() {
        assertDiagnostics("frontend ↓www.example.com:8002/x\n", ["invalid-name"])
        assertDiagnostics("frontend b11 ↓:11000,:11001\n", ["extra-argument"])
        assertDiagnostics("defaults base\nfrontend web from base\n", [])
        assertDiagnostics("frontend web from ↓base\ndefaults base\n", ["defaults-undefined"])
        assertDiagnostics("backend b\n    server ↓bk2/srv-1 127.0.0.1:80\n", ["invalid-name"])
        assertDiagnostics("backend b\n    acl ↓bad!name src 10.0.0.1\n", ["invalid-name"])
    }

    func testSectionNameRequired() {
        assertDiagnostics("↓backend\n", ["section-name-missing"])
    }
}
