@testable import HAProxyConfig
import ConfigDiagnostics
import XCTest

final class HAProxyFormatterTests: XCTestCase {
    private func format(_ text: String) -> String {
        let reader = HAProxyReader(registry: testRegistry)
        let syntax = reader.read([SourceFile(path: "t.cfg", text: text)]).syntax
        return HAProxyFormatter().format(syntax.files[0], sectionKeywords: testRegistry.sectionKeywords)
    }

    func testIndentationSpacingAndBlankRuns() {
        let input = "\n\n# global settings\nglobal\n  daemon   # run in background\n\n\n\n   maxconn    100   \n\ndefaults\n\tmode http\n\n\n"
        let expected = "# global settings\nglobal\n    daemon # run in background\n\n    maxconn 100\n\ndefaults\n    mode http\n"
        XCTAssertEqual(format(input), expected)
        XCTAssertEqual(format(expected), expected)
    }

    func testAlignmentOfConsecutiveLines() {
        let input = """
            frontend f
                acl is_api path_beg /api/
                acl is_static path_end .css
                use_backend api if is_api
                use_backend static if is_static
            backend api
                timeout connect 5s
                timeout http-request 10s
                server a1 127.0.0.1:80 check
                server api02 127.0.0.2:80 check

            """
        let expected = """
            frontend f
                acl is_api    path_beg /api/
                acl is_static path_end .css
                use_backend api    if is_api
                use_backend static if is_static
            backend api
                timeout connect      5s
                timeout http-request 10s
                server a1    127.0.0.1:80 check
                server api02 127.0.0.2:80 check

            """
        XCTAssertEqual(format(input), expected)
        XCTAssertEqual(format(expected), expected)
    }

    func testWordsAreKeptAsWritten() {
        let input = "global\n  log \"${LOG-127.0.0.1:514}\"   local0\n  stats realm HAProxy\\ Statistics\n  log 'a  b' x\n"
        XCTAssertEqual(format(input),
                       "global\n    log \"${LOG-127.0.0.1:514}\" local0\n    stats realm HAProxy\\ Statistics\n    log 'a  b' x\n")
    }

    func testConditionalBlocksAndCommentsBeforeSections() {
        let input = "global\n.if defined(NOPE)\n  maxconn   1\n.endif\n\n# the backend\nbackend b\n   # a server\n   server s 127.0.0.1:80\n"
        XCTAssertEqual(format(input),
                       "global\n    .if defined(NOPE)\n    maxconn   1\n    .endif\n\n# the backend\nbackend b\n    # a server\n    server s 127.0.0.1:80\n")
    }

    func testLinesThatCouldChangeMeaningAreKept() {
        let input = "frontend f\n  bind :443 ssl \\\n     crt /a.pem\n  acl x \"unterminated\n"
        XCTAssertEqual(format(input), "frontend f\n  bind :443 ssl \\\n     crt /a.pem\n  acl x \"unterminated\n")
    }
}
