import ConfigDiagnostics

/// One source with an error (two notes, a replacement), a warning (an
/// insertion) and a note-severity diagnostic, shared by the format tests.
enum SampleDiagnostics {
    static let source = MarkedSource(
        path: "conf/haproxy.cfg",
        "defaults\n    «timeout client 30s»\nbackend «app»\n«»    «balanse» roundrobin\n")

    static let unknownKeyword = RuleID("keyword-unknown")
    static let timeoutMissing = RuleID("timeout-missing")
    static let timeoutSet = RuleID("timeout-set")

    static var clientTimeout: SourceRange { source.ranges[0] }
    static var backendName: SourceRange { source.ranges[1] }
    static var insertionPoint: SourceRange { source.ranges[2] }
    static var keyword: SourceRange { source.ranges[3] }

    static let error = Diagnostic(
        .error, unknownKeyword, "unknown keyword 'balanse'", at: keyword,
        notes: [
            DiagnosticNote(message: "in backend 'app'", range: backendName),
            DiagnosticNote(message: "did you mean 'balance'?"),
        ],
        fixIts: [FixIt(message: "use 'balance'", range: keyword, replacement: "balance")])

    static let warning = Diagnostic(
        .warning, timeoutMissing, "backend 'app' has no 'timeout server'", at: backendName,
        fixIts: [FixIt(message: "", range: insertionPoint, replacement: "    timeout server 30s\n")])

    static let note = Diagnostic(.note, timeoutSet, "client timeout set here", at: clientTimeout)

    /// The three, in reading order.
    static let all = [note, warning, error]
}
