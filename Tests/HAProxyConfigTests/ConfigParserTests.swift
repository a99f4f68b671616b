import ConfigDiagnostics
@testable import HAProxyConfig
import XCTest

final class ConfigParserTests: XCTestCase {
    func testSectionsAndStatements() {
        let result = read(MarkedSource("""
            # top comment
            global
                daemon

            defaults base
                mode http
            frontend web from base
                bind :80
                default_backend app
            backend app
                server s1 127.0.0.1:8080 check

            """))
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.syntax.sections.map(\.kind), ["global", "defaults", "frontend", "backend"])
        XCTAssertEqual(result.syntax.sections[2].statements.map(\.keyword), ["bind", "default_backend"])
        let kinds = result.syntax.files[0].lines.map(\.kind)
        XCTAssertEqual(kinds.first, .comment)
        XCTAssertEqual(kinds[3], .blank)
        XCTAssertEqual(result.configuration.proxies.map(\.name), ["web", "app"])
        XCTAssertEqual(result.configuration.proxies[0].defaultsName, "base")
        XCTAssertEqual(result.configuration.defaults.first?.name, "base")
    }

    func testKeywordBeforeAnySection() {
        assertDiagnostics("↓maxconn 10\nglobal\n", ["keyword-out-of-section"])
    }

    func testTrailingBackslashIsAnErrorWithAJoiningFixIt() {
        let text = """
            frontend https
                bind :443 ssl crt /c.pem ↓\\
                    ssl-min-ver TLSv1.2 \\
                    ciphers ECDHE
                mode http

            """
        let marked = MarkedSource(text.replacingOccurrences(of: "TLSv1.2 \\", with: "TLSv1.2 ↓\\"))
        let diagnostics = read(marked).diagnostics.sortedForOutput()
        XCTAssertEqual(diagnostics.map(\.rule.rawValue), ["line-continuation", "line-continuation"])
        XCTAssertEqual(diagnostics.map(\.range.start.offset), marked.markers)
        let fix = diagnostics[0].fixIts[0]
        XCTAssertEqual(fix.replacement, " ")
        XCTAssertEqual(fix.range.start.line, 2)
        XCTAssertEqual(fix.range.end.line, 3)
        // The joined statement is still checked as one bind line.
        let bind = read(marked).configuration.proxies[0].binds[0]
        XCTAssertEqual(bind.options.map(\.name), ["ssl", "crt", "ssl-min-ver", "ciphers"])
    }

    func testConditionalBlocks() {
        let result = read(MarkedSource("""
            global
            .if defined(FAST)
                maxconn 100
            .elif version_atleast(2.4)
                maxconn 200
            .else
                maxconn 300
            .endif

            """), env: [:])
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.configuration.global?.maxconn, 200)
        XCTAssertEqual(result.syntax.files[0].lines.map(\.kind),
                       [.statement, .directive, .inactive, .directive, .statement, .directive, .inactive, .directive])
    }

    func testConditionalErrors() {
        assertDiagnostics("global\n↓.endif\n", ["condition-unbalanced"])
        assertDiagnostics("global\n↓.if 1\n", ["condition-unbalanced"])
        assertDiagnostics("global\n.if ↓nosuch(1)\n.endif\n", ["condition-syntax"])
        assertDiagnostics("global\n.if 1\n.else\n↓.elif 1\n.endif\n", ["condition-unbalanced"])
        assertDiagnostics("global\n↓.warning \"careful\"\n↓.alert stop\n↓.foo\n",
                          ["warning-directive", "alert-directive", "unknown-directive"])
    }

    func testMissingFinalNewlineAndNulByte() {
        assertDiagnostics("global\n    daemon↓", ["missing-final-newline"])
        // HAProxy reads the line up to the NUL byte, then complains about it.
        assertDiagnostics("global\n    ↓dae↓\u{0}mon\n", ["unknown-keyword", "stray-nul-byte"])
    }

    func testModifiers() {
        let result = read(MarkedSource("defaults\n    no option httplog\n"))
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.configuration.defaults[0].options["httplog"], false)
        assertDiagnostics("defaults\n    ↓no mode http\n", ["modifier-not-allowed"])
    }

    func testMultipleFilesEachStartOutsideASection() {
        let first = SourceFile(path: "a.cfg", text: "global\n    daemon\n")
        let second = SourceFile(path: "b.cfg", text: "    maxconn 10\n")
        let result = HAProxyReader(registry: testRegistry).read([first, second])
        XCTAssertEqual(result.diagnostics.map(\.rule.rawValue), ["keyword-out-of-section"])
        XCTAssertEqual(result.diagnostics.first?.range.file, "b.cfg")
    }

    func testDefaultServerLinesAddUp() {
        let result = read(MarkedSource("backend b\n    default-server inter 3s\n    default-server fall 2 inter 4s\n"))
        let options = result.configuration.proxies[0].defaultServer?.options ?? []
        XCTAssertEqual(options.map(\.name), ["inter", "fall", "inter"])
        XCTAssertEqual(result.configuration.proxies[0].defaultServer?.option("inter")?.value, "4s")
    }

    func testEnvironmentVariablesAndUnsetWarning() {
        let result = read(MarkedSource("defaults\n    timeout client \"${T-5s}\"\n"))
        XCTAssertEqual(result.configuration.defaults[0].timeouts["client"], Duration(microseconds: 5_000_000))
        assertDiagnostics("defaults\n    timeout client ↓\"↓$NOPE\"\n", ["invalid-argument", "unset-variable"])
    }

    func testHostileInputNeverCrashes() {
        var garbage: [UInt8] = []
        var seed: UInt64 = 42
        for _ in 0..<200_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            garbage.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        _ = HAProxyReader(registry: testRegistry).read([SourceFile(path: "g.cfg", bytes: garbage)])
        let longLine = "global\n    log " + String(repeating: "x", count: 1_000_000) + "\n"
        _ = read(MarkedSource(longLine))
        let nested = "global\n" + String(repeating: ".if 1\n", count: 10_000) + String(repeating: ".endif\n", count: 10_000)
        let result = read(MarkedSource(nested))
        XCTAssertTrue(result.diagnostics.contains { $0.rule.rawValue == "condition-too-deep" })
        let braces = "global\n    log " + String(repeating: "{", count: 10_000) + "\n"
        XCTAssertNoThrow(read(MarkedSource(braces)))
    }
}
