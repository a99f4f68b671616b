@testable import HAProxyConfig
import ConfigDiagnostics
import XCTest

final class LineLexerTests: XCTestCase {
    private func lex(_ line: String, env: [String: String] = [:]) -> LexedLine {
        let bytes = Array(line.utf8)
        let lexer = LineLexer(bytes: bytes, variables: VariableResolver(environment: env))
        return lexer.lex(start: 0, end: bytes.count, context: LineContext(file: "t.cfg", line: 7, section: "global"))
    }

    private func words(_ line: String, env: [String: String] = [:]) -> [String] {
        lex(line, env: env).words.map(\.text)
    }

    func testBlanksSeparateWordsAndCommentsEndTheLine() {
        XCTAssertEqual(words("  bind\t:80   ssl # comment"), ["bind", ":80", "ssl"])
        XCTAssertEqual(lex("bind :80 # c").commentStart, 9)
        XCTAssertEqual(words("acl a path_beg /a#b"), ["acl", "a", "path_beg", "/a"])
    }

    func testEscapes() {
        XCTAssertEqual(words(#"stats realm HAProxy\ Statistics"#), ["stats", "realm", "HAProxy Statistics"])
        XCTAssertEqual(words(##"a \# \\ \' \" \t\n\r \x41\x7a"##), ["a", "#", "\\", "'", "\"", "\t\n\r", "Az"])
        XCTAssertEqual(words(#"regsub \1 \d"#), ["regsub", "\\1", "\\d"])
        XCTAssertEqual(words(#"option httpchk GET /health HTTP/1.1\r\nHost:\ example.com"#),
                       ["option", "httpchk", "GET", "/health", "HTTP/1.1\r\nHost: example.com"])
    }

    func testQuotes() {
        XCTAssertEqual(words(#"log-format "%ci:%cp [%t] %{+Q}r""#), ["log-format", "%ci:%cp [%t] %{+Q}r"])
        XCTAssertEqual(words(#"x 'a\tb $HOME' "it's""#, env: ["HOME": "/root"]), ["x", "a\\tb $HOME", "it's"])
        XCTAssertEqual(words(#"x "a"'b'c"#), ["x", "abc"])
        XCTAssertEqual(words(#"x "" y"#), ["x", "", "y"])
        XCTAssertTrue(lex(#"x "if""#).words[1].isQuoted)
    }

    func testVariablesExpandOnlyInsideDoubleQuotes() {
        let env = ["PORT": "8080", "LIST": "a  b c"]
        XCTAssertEqual(words(#"bind ":$PORT" :$PORT"#, env: env), ["bind", ":8080", ":$PORT"])
        XCTAssertEqual(words(#"timeout client "${T-5s}""#, env: env), ["timeout", "client", "5s"])
        XCTAssertEqual(words(#"x "${PORT-1}" "${LIST[*]}""#, env: env), ["x", "8080", "a", "b", "c"])
        XCTAssertEqual(words(#"x "\$PORT" "$.LINE" "$.SECTION""#, env: env), ["x", "$PORT", "7", "global"])
    }

    func testUnsetVariableIsAWarningAndExpandsToNothing() {
        let line = lex(#"x "$NOPE""#)
        XCTAssertEqual(line.words.map(\.text), ["x", ""])
        XCTAssertEqual(line.problems.map(\.rule), [.unsetVariable])
        XCTAssertEqual(line.problems.first?.severity, .warning)
    }

    func testFatalProblemsAreLocated() {
        let quote = lex(#"acl a hdr(x) "abc"#)
        XCTAssertTrue(quote.isMalformed)
        XCTAssertEqual(quote.problems.first?.rule, .unmatchedQuote)
        XCTAssertEqual(quote.problems.first?.start, 13)

        XCTAssertEqual(lex(#"x \xZZ"#).problems.first?.rule, .invalidHexEscape)
        XCTAssertEqual(lex(#"x "${A""#).problems.first?.rule, .unmatchedVariableBrace)
        XCTAssertEqual(lex(#"x "$1""#).problems.first?.rule, .invalidVariableName)
        XCTAssertEqual(lex(#"x "${A[x]}""#).problems.first?.rule, .invalidWordExpansion)
    }

    func testTrailingBackslashIsKeptAndRecorded() {
        let line = lex(#"bind :443 ssl \"#)
        XCTAssertEqual(line.words.map(\.text), ["bind", ":443", "ssl", "\\"])
        XCTAssertEqual(line.trailingBackslash, 14)
    }

    func testCarriageReturnEndsTheLine() {
        XCTAssertEqual(words("bind :80\r ssl"), ["bind", ":80"])
        XCTAssertEqual(lex("bind :80 \\\r").trailingBackslash, 9)
    }

    func testTooManyWords() {
        let line = lex((0..<70).map { "w\($0)" }.joined(separator: " "))
        XCTAssertEqual(line.problems.first?.rule, .tooManyWords)
    }
}
