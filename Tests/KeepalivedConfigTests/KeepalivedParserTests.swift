import ConfigDiagnostics
@testable import KeepalivedConfig
import WeirTestSupport
import XCTest

final class KeepalivedParserTests: XCTestCase {
    /// Parses text in which `↓` marks where diagnostics must start.
    private func parse(_ marked: String, configID: String? = nil, files: [String: String] = [:])
        -> (KeepalivedParseResult, [Int])
    {
        let marked = MarkedText(marked)
        let parser = KeepalivedParser(
            configID: configID,
            loadFile: { path in
                files[path].map { .success(SourceFile(path: path, text: $0)) }
                    ?? .failure(SourceLoader.unreadable(path, reason: "No such file or directory"))
            },
            expandPattern: { pattern in
                files.keys.filter { !$0.contains("*") && ($0 == pattern || (pattern.hasSuffix("*.conf") && $0.hasSuffix(".conf"))) }
            })
        return (parser.parse(SourceFile(path: "/etc/keepalived/keepalived.conf", bytes: marked.bytes)), marked.markers)
    }

    private func assertFindings(_ marked: String, _ rules: [String], file: StaticString = #filePath, line: UInt = #line) {
        let (result, markers) = parse(marked)
        let diagnostics = result.diagnostics.sortedForOutput()
        XCTAssertEqual(diagnostics.map(\.rule.rawValue), rules, file: file, line: line)
        XCTAssertEqual(diagnostics.map(\.range.start.offset), markers, "\(diagnostics.map(\.message))", file: file, line: line)
    }

    static let primary = """
        vrrp_script chk_haproxy {
            script "killall -0 haproxy"
            interval 2
            weight 2
        }

        vrrp_instance VI_1 {
            state MASTER
            interface eth0
            virtual_router_id 51
            priority 101
            advert_int 1
            authentication {
                auth_type PASS
                auth_pass stn2024vrrp
            }
            virtual_ipaddress {
                10.10.0.10/24
            }
            track_script {
                chk_haproxy
            }
        }

        """

    func testArticlePrimaryNode() {
        let (result, _) = parse(Self.primary)
        XCTAssertEqual(result.diagnostics, [])
        let instance = result.configuration.instances[0]
        XCTAssertEqual(instance.name, "VI_1")
        XCTAssertEqual(instance.state, "MASTER")
        XCTAssertEqual(instance.virtualRouterID, 51)
        XCTAssertEqual(instance.priority, 101)
        XCTAssertEqual(instance.advertInterval, 1)
        XCTAssertEqual(instance.authentication?.type, "PASS")
        XCTAssertEqual(instance.authentication?.password, "stn2024vrrp")
        XCTAssertEqual(instance.virtualAddresses.map(\.address), ["10.10.0.10"])
        XCTAssertEqual(instance.virtualAddresses.first?.prefixLength, 24)
        XCTAssertEqual(instance.trackScripts.map(\.name), ["chk_haproxy"])
        XCTAssertEqual(result.configuration.scripts.first?.script, "killall -0 haproxy")
        XCTAssertEqual(result.configuration.scripts.first?.weight, 2)
    }

    func testCommentsBracesAndContinuations() {
        let (result, _) = parse("""
            ! a comment
            vrrp_instance VI_1{   # trailing comment
                state BACKUP
                virtual_ipaddress { 10.0.0.1/24 dev eth0 label eth0:1 }
                notify_master "/bin/echo \\
            master"
            }

            """)
        XCTAssertEqual(result.diagnostics, [])
        let instance = result.configuration.instances[0]
        XCTAssertEqual(instance.virtualAddresses.first?.device, "eth0")
        XCTAssertEqual(instance.virtualAddresses.first?.label, "eth0:1")
        XCTAssertEqual(instance.state, "BACKUP")
    }

    func testBraceOnTheNextLine() {
        let (result, _) = parse("virtual_server 10.0.0.1 443 {\n    real_server 10.0.0.2 443 {\n        SSL_GET\n        {\n            url {\n                path /t\n            }\n        }\n    }\n}\n")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.configuration.virtualServers[0].realServers[0].checkers.first?.kind, "SSL_GET")
        XCTAssertEqual(result.configuration.virtualServers[0].realServers[0].checkers.first?.urls, [["path": "/t"]])
    }

    func testDefinitionsAndConditionalLines() {
        let text = "$PRIO=150\nvrrp_instance VI_1 {\n@high    priority $PRIO\n@^high   priority 50\n}\n"
        XCTAssertEqual(parse(text, configID: "high").0.configuration.instances[0].priority, 150)
        XCTAssertEqual(parse(text, configID: "low").0.configuration.instances[0].priority, 50)
    }

    func testIncludeFollowsFilesAndReportsMissingOnes() {
        let (result, _) = parse("include conf.d/*.conf\n",
                                files: ["/etc/keepalived/conf.d/a.conf": "vrrp_instance A {\n    priority 10\n}\n"])
        XCTAssertEqual(result.configuration.instances.map(\.name), ["A"])
        XCTAssertEqual(result.includedFiles.map(\.path), ["/etc/keepalived/conf.d/a.conf"])
        assertFindings("include ↓missing.conf\n", ["keepalived-include"])
    }

    func testKeywordDiagnostics() {
        assertFindings("vrrp_instance VI_1 {\n    ↓priorty 100\n}\n", ["keepalived-unknown-keyword"])
        assertFindings("global_defs {\n    ↓virtual_router_id 5\n}\n", ["keepalived-wrong-block"])
        assertFindings("vrrp_instance VI_1 {\n    virtual_router_id ↓300\n    state ↓master\n    priority ↓high\n}\n",
                       ["keepalived-invalid-argument", "keepalived-invalid-argument", "keepalived-invalid-argument"])
        assertFindings("vrrp_instance VI_1 {\n    nopreempt ↓now\n}\n", ["keepalived-extra-argument"])
        assertFindings("vrrp_instance VI_1 {\n    ↓authentication\n    state BACKUP\n}\n", ["keepalived-block-expected"])
    }

    func testBraceErrors() {
        assertFindings("↓vrrp_instance VI_1 {\n    state BACKUP\n", ["keepalived-missing-brace"])
        assertFindings("vrrp_instance VI_1 {\n}\n↓}\n", ["keepalived-extra-brace"])
        assertFindings("vrrp_script x {\n    script ↓\"unterminated\n}\n", ["keepalived-unmatched-quote"])
    }

    func testHostileInput() {
        let nested = String(repeating: "vrrp_instance X {\n", count: 10_000)
        let (result, _) = parse(nested)
        XCTAssertTrue(result.diagnostics.contains { $0.rule.rawValue == "keepalived-too-deep" })
        var garbage: [UInt8] = []
        var seed: UInt64 = 3
        for _ in 0..<100_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            garbage.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        _ = KeepalivedParser().parse(SourceFile(path: "g.conf", bytes: garbage))
    }

    func testFormatDetection() {
        XCTAssertTrue(KeepalivedParser.looksLikeKeepalived(SourceFile(path: "x", text: "# c\nvrrp_instance VI_1 {\n")))
        XCTAssertFalse(KeepalivedParser.looksLikeKeepalived(SourceFile(path: "x", text: "global\n    daemon\n")))
    }
}
