import ConfigDiagnostics
import XCTest

final class TextRendererTests: XCTestCase {
    private let unknownKeyword = RuleID("keyword-unknown")
    private let timeoutMissing = RuleID("timeout-missing")

    private func render(_ source: MarkedSource, _ diagnostics: [Diagnostic], colour: Bool = false) -> String {
        TextRenderer(sources: source.sources, useColour: colour).render(diagnostics)
    }

    func testErrorWithNoteAndReplacement() {
        let source = MarkedSource("backend app\n    «balanse» roundrobin\n")
        let range = source.ranges[0]
        let diagnostic = Diagnostic(
            .error, unknownKeyword, "unknown keyword 'balanse'", at: range,
            notes: [DiagnosticNote(message: "did you mean 'balance'?")],
            fixIts: [FixIt(message: "", range: range, replacement: "balance")])
        XCTAssertEqual(render(source, [diagnostic]), """
            haproxy.cfg:2:5: error: unknown keyword 'balanse' [keyword-unknown]
                balanse roundrobin
                ^~~~~~~
            note: did you mean 'balance'?
            haproxy.cfg:2:5: fix-it: replace 'balanse' with 'balance'
            1 error generated.

            """)
    }

    func testNoteWithRangeInsertAndRemoveAndSummary() {
        let source = MarkedSource("«defaults»\n    mode http\nbackend app\n    «option httpclose»\n    «balance»\n«»")
        let deprecated = Diagnostic(
            .warning, RuleID("option-deprecated"), "'option httpclose' is deprecated", at: source.ranges[1],
            fixIts: [FixIt(message: "drop it", range: source.ranges[1], replacement: "")])
        let argument = Diagnostic(.error, RuleID("argument-missing"), "'balance' needs an algorithm", at: source.ranges[2])
        let timeout = Diagnostic(
            .error, timeoutMissing, "no 'timeout connect' for backend 'app'", at: source.ranges[3],
            notes: [DiagnosticNote(message: "defaults start here", range: source.ranges[0])],
            fixIts: [FixIt(message: "", range: source.ranges[3], replacement: "    timeout connect 5s\n")])
        XCTAssertEqual(render(source, [deprecated, argument, timeout]), """
            haproxy.cfg:4:5: warning: 'option httpclose' is deprecated [option-deprecated]
                option httpclose
                ^~~~~~~~~~~~~~~~
            haproxy.cfg:4:5: fix-it: drop it: remove 'option httpclose'
            haproxy.cfg:5:5: error: 'balance' needs an algorithm [argument-missing]
                balance
                ^~~~~~~
            haproxy.cfg:6:1: error: no 'timeout connect' for backend 'app' [timeout-missing]
            haproxy.cfg:1:1: note: defaults start here
            defaults
            ^~~~~~~~
            haproxy.cfg:6:1: fix-it: insert '    timeout connect 5s\\n'
            2 errors, 1 warning generated.

            """)
    }

    func testTabsKeepTheCaretAligned() {
        let source = MarkedSource("backend app\n\tserver\tweb01 «10.0.0.1:80» check\n")
        let diagnostic = Diagnostic(.error, RuleID("server-address"), "bad address", at: source.ranges[0])
        XCTAssertEqual(render(source, [diagnostic]), """
            haproxy.cfg:2:15: error: bad address [server-address]
                    server  web01 10.0.0.1:80 check
                                  ^~~~~~~~~~~
            1 error generated.

            """)
    }

    func testMultiLineRangeUnderlinesToTheEndOfTheLine() {
        let source = MarkedSource("frontend web\n    «bind :80\n    mode http»\n")
        let diagnostic = Diagnostic(.note, RuleID("block"), "this block", at: source.ranges[0])
        XCTAssertEqual(render(source, [diagnostic]), """
            haproxy.cfg:2:5: note: this block [block]
                bind :80
                ^~~~~~~~
            1 note generated.

            """)
    }

    func testNonPrintableBytesAreEscapedAndUnderlinedWhole() {
        let source = MarkedSource("acl bad «\u{01}» hdr(x) \u{202E}x\u{FF}\n")
        let diagnostic = Diagnostic(.error, RuleID("control-character"), "control character", at: source.ranges[0])
        XCTAssertEqual(render(source, [diagnostic]), """
            haproxy.cfg:1:9: error: control character [control-character]
            acl bad \\x01 hdr(x) \\u{202E}xÿ
                    ^~~~
            1 error generated.

            """)
    }

    func testInvalidUTF8IsShownAsBytes() {
        let file = SourceFile(path: "raw.cfg", bytes: Array("x ".utf8) + [0xC3, 0x28] + Array(" y".utf8))
        let diagnostic = Diagnostic(.warning, RuleID("encoding"), "invalid UTF-8", at: file.range(2, 3))
        XCTAssertEqual(TextRenderer(sources: [file.path: file]).render([diagnostic]), """
            raw.cfg:1:3: warning: invalid UTF-8 [encoding]
            x \\xC3( y
              ^~~~
            1 warning generated.

            """)
    }

    func testCaretAtTheEndOfALine() {
        let source = MarkedSource("backend app\n    balance«»\n")
        let diagnostic = Diagnostic(.error, RuleID("argument-missing"), "'balance' needs an algorithm", at: source.ranges[0])
        XCTAssertEqual(render(source, [diagnostic]), """
            haproxy.cfg:2:12: error: 'balance' needs an algorithm [argument-missing]
                balance
                       ^
            1 error generated.

            """)
    }

    func testWithoutItsSourceOnlyTheHeaderIsShown() {
        let source = MarkedSource("«x»")
        let diagnostic = Diagnostic(.error, unknownKeyword, "unknown keyword 'x'", at: source.ranges[0],
                                    fixIts: [FixIt(message: "", range: source.ranges[0], replacement: "y")])
        XCTAssertEqual(TextRenderer(sources: [:]).render([diagnostic]), """
            haproxy.cfg:1:1: error: unknown keyword 'x' [keyword-unknown]
            haproxy.cfg:1:1: fix-it: replace 1:1-1:2 with 'y'
            1 error generated.

            """)
    }

    func testNothingToSayRendersNothing() {
        XCTAssertEqual(TextRenderer(sources: [:]).render([]), "")
    }

    func testColourWhenAsked() {
        let source = MarkedSource("  «x»\n")
        let diagnostic = Diagnostic(.warning, unknownKeyword, "odd", at: source.ranges[0],
                                    notes: [DiagnosticNote(message: "see")])
        let escape = "\u{1B}["
        XCTAssertEqual(render(source, [diagnostic], colour: true), """
            \(escape)1mhaproxy.cfg:1:3: \(escape)0m\(escape)1;35mwarning: \(escape)0m\(escape)1modd [keyword-unknown]\(escape)0m
              x
              \(escape)1;32m^\(escape)0m
            \(escape)1;36mnote: \(escape)0msee
            1 warning generated.

            """)
    }

    func testShouldUseColour() {
        XCTAssertTrue(TextRenderer.shouldUseColour(isTTY: true, environment: ["TERM": "xterm-256color"]))
        XCTAssertTrue(TextRenderer.shouldUseColour(isTTY: true, environment: [:]))
        XCTAssertFalse(TextRenderer.shouldUseColour(isTTY: false, environment: ["TERM": "xterm"]))
        XCTAssertFalse(TextRenderer.shouldUseColour(isTTY: true, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(TextRenderer.shouldUseColour(isTTY: true, environment: ["NO_COLOR": ""]))
        XCTAssertFalse(TextRenderer.shouldUseColour(isTTY: true, environment: ["TERM": "dumb"]))
    }
}
