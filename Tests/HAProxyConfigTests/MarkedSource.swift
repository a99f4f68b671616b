import ConfigDiagnostics
@testable import HAProxyConfig
import WeirTestSupport
import XCTest

/// Test input with `↓` markers placed right before the words where
/// diagnostics must start. The markers are removed from the source.
struct MarkedSource {
    let file: SourceFile
    /// Byte offsets of the markers in the cleaned text.
    let markers: [Int]

    init(_ text: String, path: String = "test.cfg") {
        let marked = MarkedText(text)
        self.file = SourceFile(path: path, bytes: marked.bytes)
        self.markers = marked.markers
    }
}

/// A small grammar for tests, so parser tests do not move when Grammar/ grows.
let testRegistry = KeywordRegistry(
    sectionsTSV: """
        section\tname\tsummary
        global\tnone\tprocess settings
        defaults\toptional\tdefaults
        frontend\trequired\tfrontend
        backend\trequired\tbackend
        listen\trequired\tlisten
        peers\trequired\tpeers
        userlist\trequired\tusers
        """,
    keywordsTSV: """
        keyword\tsections\targs\tsince\tsummary\tignored
        acl\tdefaults,frontend,backend,listen\t<name> *\t1.3\tacl\t
        balance\tdefaults,backend,listen\t{roundrobin|leastconn|source|hdr()} *\t1.3\tbalance\t
        bind\tfrontend,listen\t<addr> *\t1.3\tbind\t
        daemon\tglobal\t\t1.3\tdaemon\t
        default_backend\tdefaults,frontend,listen\t<string>\t1.3\tdefault\t
        http-request deny\tdefaults,frontend,backend,listen\t*\t1.5\tdeny\t
        log\tglobal,defaults,frontend,backend,listen\t*\t1.3\tlog\t
        maxconn\tglobal,defaults,frontend,listen\t<int>\t1.3\tmaxconn\tbackend
        mode\tdefaults,frontend,backend,listen\t{tcp|http|log}\t1.3\tmode\t
        option httplog\tdefaults,frontend,listen\t[{clf}]\t1.3\thttplog\t
        peer\tpeers\t<name> <addr?> *\t1.5\tpeer\t
        server\tbackend,listen\t<name> <addr?> *\t1.3\tserver\t
        stats realm\tdefaults,frontend,backend,listen\t<string>\t1.3\trealm\t
        timeout client\tdefaults,frontend,listen\t<time>\t1.3\tclient\t
        timeout connect\tdefaults,backend,listen\t<time>\t1.3\tconnect\t
        timeout server\tdefaults,backend,listen\t<time>\t1.3\tserver\t
        use_backend\tfrontend,listen\t<string> *\t1.3\tuse\t
        user\tglobal,userlist\t<string> *\t1.3\tuser\t
        """,
    bindOptionsTSV: """
        option\targs\tsince\tsummary
        ciphers\t<string>\t1.5\tciphers
        crt\t<file>\t1.5\tcrt
        ssl\t\t1.5\tssl
        ssl-min-ver\t{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}\t1.8\tmin
        """,
    serverOptionsTSV: """
        option\targs\tsince\tsummary
        check\t\t1.3\tcheck
        cookie\t<string>\t1.3\tcookie
        fall\t<int>\t1.3\tfall
        inter\t<time>\t1.3\tinter
        rise\t<int>\t1.3\trise
        ssl\t\t1.5\tssl
        verify\t{none|required}\t1.5\tverify
        weight\t<int:0-256>\t1.3\tweight
        """)

/// Reads a marked source with the test grammar.
func read(_ marked: MarkedSource, env: [String: String] = [:]) -> HAProxyParseResult {
    HAProxyReader(variables: VariableResolver(environment: env), registry: testRegistry).read([marked.file])
}

/// Asserts the diagnostics start exactly at the markers, with these rule ids, in order.
func assertDiagnostics(
    _ text: String, _ rules: [String], env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
) {
    let marked = MarkedSource(text)
    let diagnostics = read(marked, env: env).diagnostics.sortedForOutput()
    XCTAssertEqual(diagnostics.map(\.rule.rawValue), rules, "rules", file: file, line: line)
    XCTAssertEqual(diagnostics.map(\.range.start.offset), marked.markers,
                   "positions: \(diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" })",
                   file: file, line: line)
}
