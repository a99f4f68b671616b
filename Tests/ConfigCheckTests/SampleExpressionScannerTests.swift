@testable import ConfigCheck
import XCTest

/// The sample expression scanner against the forms HAProxy accepts and refuses.
final class SampleExpressionScannerTests: XCTestCase {
    func names(_ format: String) throws -> [[String]] {
        try SampleExpressionScanner.format(format).get().map { $0.elements.map(\.name) }
    }

    func problem(_ format: String) -> String? {
        if case .failure(let problem) = SampleExpressionScanner.format(format) { return problem.text }
        return nil
    }

    func testFormatStringsYieldTheirExpressions() throws {
        XCTAssertEqual(try names("%[req.hdr(host),lower] %ci:%cp %{+Q}[src] 100%%"), [["req.hdr", "lower"], ["src"]])
        XCTAssertEqual(try names("no expression here"), [])
        XCTAssertEqual(try names("%[path,regsub('^/(v[0-9]+)/',/\\1/)]"), [["path", "regsub"]])
    }

    func testArgumentsSplitOutsideQuotes() throws {
        let expression = try SampleExpressionScanner.word("str(a),concat(\",\",txn.x,)").get()
        XCTAssertEqual(expression.elements.map(\.arguments), [["a"], ["\",\"", "txn.x", ""]])
        XCTAssertEqual(try SampleExpressionScanner.word("upper()").get().elements[0].arguments, [])
        XCTAssertNil(try SampleExpressionScanner.word("src").get().elements[0].arguments)
    }

    func testMalformedExpressionsAreRefused() {
        XCTAssertEqual(problem("%[(arg)]"), "missing fetch method")
        XCTAssertEqual(problem("%[hdr(arg))]"), "expected ',' or ']' after 'hdr(arg)', but found ')'")
        XCTAssertEqual(problem("%[req.hdr(]"), "missing closing ')' after 'req.hdr('")
        XCTAssertEqual(problem("%[src,]"), "missing converter")
        XCTAssertEqual(problem("%[src"), "missing ']' after 'src'")
    }
}
