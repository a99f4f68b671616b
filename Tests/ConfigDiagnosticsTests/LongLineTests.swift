import ConfigDiagnostics
import XCTest

/// Lines wider than `TextRenderer.defaultMaxLineWidth` are cut to a window
/// around the caret, marked with `…`.
final class LongLineTests: XCTestCase {
    private let rule = RuleID("test-rule")

    private func excerpt(_ marked: String) -> [String] {
        let source = MarkedSource(marked)
        let output = TextRenderer(sources: source.sources)
            .render([Diagnostic(.error, rule, "here", at: source.ranges[0])])
        return Array(output.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix(2).map(String.init))
    }

    func testOneMegabyteLineIsWindowedAroundTheCaret() {
        let half = [UInt8](repeating: UInt8(ascii: "a"), count: 500_000)
        let file = SourceFile(path: "big.cfg", bytes: half + Array("needle".utf8) + half)
        let diagnostic = Diagnostic(.error, rule, "here", at: file.range(half.count, half.count + 6))
        let output = TextRenderer(sources: [file.path: file]).render([diagnostic])
        let context = String(repeating: "a", count: 56)
        XCTAssertEqual(output, """
            big.cfg:1:500001: error: here [test-rule]
            …\(context)needle\(context)…
            \(String(repeating: " ", count: 57))^~~~~~
            1 error generated.

            """)
    }

    func testCaretNearTheStartKeepsTheStart() {
        let lines = excerpt("«x»" + String(repeating: "y", count: 300))
        XCTAssertEqual(lines, ["x" + String(repeating: "y", count: 117) + "…", "^"])
    }

    func testCaretNearTheEndKeepsTheEnd() {
        let lines = excerpt(String(repeating: "y", count: 300) + "«x»")
        XCTAssertEqual(lines, ["…" + String(repeating: "y", count: 117) + "x", String(repeating: " ", count: 118) + "^"])
    }

    func testHighlightWiderThanTheWindowStartsJustBeforeIt() {
        let lines = excerpt(String(repeating: "a", count: 50) + "«" + String(repeating: "b", count: 500) + "»"
            + String(repeating: "c", count: 50))
        XCTAssertEqual(lines, [
            "…" + String(repeating: "a", count: 8) + String(repeating: "b", count: 110) + "…",
            String(repeating: " ", count: 9) + "^" + String(repeating: "~", count: 109),
        ])
    }

    func testEscapesAreNeverCutInHalf() {
        // Each \u{01} shows as four columns; the window edge falls inside one.
        let lines = excerpt(String(repeating: "\u{01}", count: 100) + "«x»" + String(repeating: "\u{01}", count: 100))
        XCTAssertEqual(lines, [
            "…" + String(repeating: "\\x01", count: 14) + "x" + String(repeating: "\\x01", count: 14) + "…",
            String(repeating: " ", count: 57) + "^",
        ])
    }
}
