import ConfigDiagnostics
import XCTest

final class GitHubRendererTests: XCTestCase {
    private let renderer = GitHubRenderer(sources: SampleDiagnostics.source.sources)

    func testOneCommandPerDiagnostic() {
        XCTAssertEqual(renderer.render(SampleDiagnostics.all), """
            ::notice file=conf/haproxy.cfg,line=2,col=5,endLine=2,endColumn=22,title=timeout-set::client timeout set here
            ::warning file=conf/haproxy.cfg,line=3,col=9,endLine=3,endColumn=11,title=timeout-missing::backend 'app' has no 'timeout server'%0Afix-it: insert '    timeout server 30s\\n'
            ::error file=conf/haproxy.cfg,line=4,col=5,endLine=4,endColumn=11,title=keyword-unknown::unknown keyword 'balanse'%0Anote: in backend 'app'%0Anote: did you mean 'balance'?%0Afix-it: use 'balance': replace 'balanse' with 'balance'

            """)
    }

    func testNothingRendersNothing() {
        XCTAssertEqual(renderer.render([]), "")
    }

    func testDataEscaping() {
        XCTAssertEqual(GitHubRenderer.escapeData("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b")
        XCTAssertEqual(GitHubRenderer.escapeData("%0A"), "%250A", "an escape in the text is not decoded later")
    }

    func testPropertyEscaping() {
        XCTAssertEqual(GitHubRenderer.escapeProperty("c:\\conf,old%\n"), "c%3A\\conf%2Cold%25%0A")
    }

    func testPropertiesAndMessageAreEscapedInTheCommand() {
        let source = MarkedSource(path: "a,b:c.cfg", "«x»\n")
        let diagnostic = Diagnostic(.warning, RuleID("r"), "50% of\nlines", at: source.ranges[0])
        XCTAssertEqual(GitHubRenderer().render([diagnostic]),
                       "::warning file=a%2Cb%3Ac.cfg,line=1,col=1,endLine=1,endColumn=1,title=r::50%25 of%0Alines\n")
    }

    func testRangeOverSeveralLinesHasNoColumns() {
        let source = MarkedSource("frontend web\n    «bind :80\n    mode» http\n")
        let diagnostic = Diagnostic(.error, RuleID("r"), "m", at: source.ranges[0])
        XCTAssertEqual(GitHubRenderer().render([diagnostic]), "::error file=haproxy.cfg,line=2,endLine=3,title=r::m\n")
    }

    func testWholeLineRangeEndsOnItsOwnLine() {
        let source = MarkedSource("frontend web\n«    bind :80\n»    mode http\n")
        let diagnostic = Diagnostic(.error, RuleID("r"), "m", at: source.ranges[0])
        XCTAssertEqual(GitHubRenderer().render([diagnostic]), "::error file=haproxy.cfg,line=2,endLine=2,title=r::m\n")
    }
}
