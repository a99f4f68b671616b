import ConfigDiagnostics
import Foundation
import XCTest

final class JSONRendererTests: XCTestCase {
    private func decode(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func position(_ location: SourceLocation) -> [String: Int] {
        ["line": location.line, "column": location.column, "offset": location.offset]
    }

    func testDocumentShape() throws {
        let document = try decode(JSONRenderer().render(SampleDiagnostics.all))
        XCTAssertEqual(Set(document.keys), ["version", "diagnostics", "summary"])
        XCTAssertEqual(document["version"] as? Int, JSONRenderer.formatVersion)
        XCTAssertEqual(document["summary"] as? [String: Int], ["errors": 1, "warnings": 1, "notes": 1])
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.map { $0["rule"] as? String }, ["timeout-set", "timeout-missing", "keyword-unknown"])
        XCTAssertEqual(diagnostics.map { $0["severity"] as? String }, ["note", "warning", "error"])
    }

    func testDiagnosticFields() throws {
        let document = try decode(JSONRenderer().render([SampleDiagnostics.error]))
        let diagnostic = try XCTUnwrap((document["diagnostics"] as? [[String: Any]])?.first)
        let keyword = SampleDiagnostics.keyword
        XCTAssertEqual(
            Set(diagnostic.keys), ["file", "range", "severity", "rule", "message", "notes", "fixIts"])
        XCTAssertEqual(diagnostic["file"] as? String, "conf/haproxy.cfg")
        XCTAssertEqual(diagnostic["message"] as? String, "unknown keyword 'balanse'")
        let range = try XCTUnwrap(diagnostic["range"] as? [String: [String: Int]])
        XCTAssertEqual(range, ["start": position(keyword.start), "end": position(keyword.end)])

        let notes = try XCTUnwrap(diagnostic["notes"] as? [[String: Any]])
        XCTAssertEqual(notes.count, 2)
        XCTAssertEqual(notes[0]["message"] as? String, "in backend 'app'")
        XCTAssertEqual(notes[0]["file"] as? String, "conf/haproxy.cfg")
        XCTAssertEqual(
            notes[0]["range"] as? [String: [String: Int]],
            ["start": position(SampleDiagnostics.backendName.start), "end": position(SampleDiagnostics.backendName.end)])
        XCTAssertEqual(Set(notes[1].keys), ["message"], "a note without a range has no file or range")

        let fixIts = try XCTUnwrap(diagnostic["fixIts"] as? [[String: Any]])
        XCTAssertEqual(fixIts.count, 1)
        XCTAssertEqual(fixIts[0]["message"] as? String, "use 'balance'")
        XCTAssertEqual(fixIts[0]["file"] as? String, "conf/haproxy.cfg")
        XCTAssertEqual(fixIts[0]["replacement"] as? String, "balance")
        XCTAssertEqual(
            fixIts[0]["range"] as? [String: [String: Int]],
            ["start": position(keyword.start), "end": position(keyword.end)])
    }

    func testKeysAreSortedAndOutputIsStable() {
        let text = JSONRenderer().render(SampleDiagnostics.all)
        XCTAssertEqual(text, JSONRenderer().render(SampleDiagnostics.all))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1, "one line")
        XCTAssertTrue(text.contains(#""file":"conf/haproxy.cfg""#), "slashes are not escaped")
        let keyOrder = ["\"diagnostics\"", "\"file\"", "\"fixIts\"", "\"message\"", "\"notes\"", "\"range\"",
                        "\"rule\"", "\"severity\"", "\"summary\"", "\"version\""]
        let firstIndexes = keyOrder.compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(firstIndexes.count, keyOrder.count)
        XCTAssertEqual(firstIndexes, firstIndexes.sorted())
    }

    func testStringsAreEscapedAndNumbersWrittenWhole() throws {
        let message = "quote \" backslash \\ tab \t newline \n bell \u{07} café ✓ end"
        var diagnostic = Diagnostic(.warning, SampleDiagnostics.timeoutSet, message, at: SampleDiagnostics.clientTimeout)
        diagnostic.range.start.offset = 1_234_567_890
        let text = JSONRenderer().render([diagnostic])
        XCTAssertTrue(text.contains(#"quote \" backslash \\ tab \t newline \n bell \u0007 café ✓ end"#), text)
        let decoded = try XCTUnwrap((decode(text)["diagnostics"] as? [[String: Any]])?.first)
        XCTAssertEqual(decoded["message"] as? String, message)
        let start = (decoded["range"] as? [String: [String: Int]])?["start"]
        XCTAssertEqual(start?["offset"], 1_234_567_890)
        XCTAssertEqual(start?["line"], SampleDiagnostics.clientTimeout.start.line)
    }

    func testNoDiagnostics() throws {
        let document = try decode(JSONRenderer().render([]))
        XCTAssertEqual((document["diagnostics"] as? [Any])?.count, 0)
        XCTAssertEqual(document["summary"] as? [String: Int], ["errors": 0, "warnings": 0, "notes": 0])
    }
}
