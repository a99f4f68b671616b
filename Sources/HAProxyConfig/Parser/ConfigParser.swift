import ConfigDiagnostics

/// Reads haproxy.cfg files into a lossless `ConfigSyntax`, the way HAProxy
/// 2.6 reads them: line by line, conditional blocks resolved, each file
/// starting outside any section. It never stops at the first problem: every
/// problem becomes a diagnostic and parsing goes on with the next line.
public struct ConfigParser: Sendable {
    /// Keywords that may carry a `no` or `default` prefix.
    static let modifiable: Set<String> = [
        "option", "log", "busy-polling", "set-dumpable", "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping",
    ]

    public var variables: VariableResolver
    public var build: BuildProfile
    public var sectionKeywords: Set<String>

    public init(variables: VariableResolver, build: BuildProfile = .debianBookworm, sectionKeywords: Set<String>) {
        self.variables = variables
        self.build = build
        self.sectionKeywords = sectionKeywords
    }

    /// Parses the files in order, as `haproxy -f a -f b` would.
    public func parse(_ sources: [SourceFile]) -> (syntax: ConfigSyntax, diagnostics: [Diagnostic]) {
        var files: [SyntaxFile] = []
        var sections: [SyntaxSection] = []
        var diagnostics: [Diagnostic] = []
        for (index, source) in sources.enumerated() {
            var reader = FileReader(parser: self, source: source, fileIndex: index)
            reader.run()
            files.append(SyntaxFile(source: source, lines: reader.lines))
            sections += reader.sections
            diagnostics += reader.diagnostics
        }
        return (ConfigSyntax(files: files, sections: sections), diagnostics)
    }
}

/// The state of reading one file.
struct FileReader {
    let parser: ConfigParser
    let source: SourceFile
    let fileIndex: Int
    var lines: [SyntaxLine] = []
    var sections: [SyntaxSection] = []
    var diagnostics: [Diagnostic] = []
    var conditions = ConditionalStack()
    /// Whether the previous line ended with a backslash.
    var continuing: Bool = false

    init(parser: ConfigParser, source: SourceFile, fileIndex: Int) {
        self.parser = parser
        self.source = source
        self.fileIndex = fileIndex
    }

    mutating func report(_ severity: Severity, _ rule: RuleID, _ message: String, _ start: Int, _ end: Int,
                         notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        diagnostics.append(Diagnostic(severity, rule, message, at: source.range(start, end), notes: notes, fixIts: fixIts))
    }

    var currentSectionName: String {
        guard let last = sections.last else { return "" }
        return last.name ?? last.kind
    }

    mutating func run() {
        let lexer = LineLexer(bytes: source.bytes, variables: parser.variables)
        let bytes = source.bytes
        var lexed = PrelexedLines(source: source, lexer: lexer)
        lines.reserveCapacity(lexed.count)
        for index in 0..<lexed.count {
            let (start, end) = lexed.bounds(ofLine: index)
            handle(lexer: lexer, number: index + 1, start: start, end: end, prelexed: lexed.take(index))
        }
        if let last = bytes.last, last != UInt8(ascii: "\n") {
            report(.error, .missingFinalNewline, LexerMessage.missingFinalNewline, bytes.count, bytes.count,
                   fixIts: [FixIt(message: LexerMessage.missingFinalNewlineFix,
                                  range: source.range(bytes.count, bytes.count), replacement: "\n")])
        }
        if let open = conditions.frames.last {
            report(.error, .conditionUnbalanced, ParserMessage.unterminatedIf, open.openedAt, open.openedAt + 3)
        }
    }

    mutating func handle(lexer: LineLexer, number: Int, start: Int, end: Int, prelexed: LexedLine? = nil) {
        let lexed = prelexed ?? lexer.lex(start: start, end: end,
                                          context: LineContext(file: source.path, line: number, section: currentSectionName))
        var line = SyntaxLine(kind: .blank, number: number, start: start, end: end, commentStart: lexed.commentStart)
        let wasContinuing = continuing
        continuing = false
        defer { lines.append(line) }

        if lexed.isMalformed {
            line.kind = conditions.isActive ? .malformed : .inactive
            if conditions.isActive { addProblems(lexed) }
            return
        }
        guard let first = lexed.words.first else {
            line.kind = lexed.commentStart == nil ? .blank : .comment
            // A line with no word still has its problems (a NUL at column 1 ends it before any word).
            if conditions.isActive { addProblems(lexed) }
            return
        }
        if first.text.hasPrefix(".") && !first.isQuoted && !wasContinuing {
            line.kind = .directive
            line.words = lexed.words
            directive(lexed.words)
            return
        }
        guard conditions.isActive else {
            line.kind = .inactive
            return
        }
        addProblems(lexed)
        line.kind = .statement
        var words = lexed.words
        if let backslash = lexed.trailingBackslash {
            continuing = true
            reportContinuation(at: backslash, lineEnd: end)
            if words.last?.text == "\\" { words.removeLast() } else { words[words.count - 1].text.removeLast() }
        }
        line.words = words
        line.continuesPrevious = wasContinuing
        if wasContinuing, !sections.isEmpty, var last = sections[sections.count - 1].statements.popLast() {
            last.words += words
            last.lineCount += 1
            sections[sections.count - 1].statements.append(last)
            return
        }
        statement(words, lineIndex: lines.count)
    }

    mutating func addProblems(_ lexed: LexedLine) {
        for problem in lexed.problems {
            report(problem.severity, problem.rule, problem.message, problem.start, problem.end)
        }
    }

    /// Reports a trailing backslash with a fix-it joining the next line.
    mutating func reportContinuation(at backslash: Int, lineEnd: Int) {
        var next = lineEnd + 1
        while next < source.bytes.count, source.bytes[next] == UInt8(ascii: " ") || source.bytes[next] == UInt8(ascii: "\t") {
            next += 1
        }
        var joinStart = backslash
        while joinStart > 0, source.bytes[joinStart - 1] == UInt8(ascii: " ") || source.bytes[joinStart - 1] == UInt8(ascii: "\t") {
            joinStart -= 1
        }
        let fix = FixIt(message: LexerMessage.lineContinuationFix, range: source.range(joinStart, min(next, source.bytes.count)),
                        replacement: " ")
        report(.error, .lineContinuation, LexerMessage.lineContinuation, backslash, backslash + 1, fixIts: [fix])
    }

    mutating func statement(_ words: [Word], lineIndex: Int) {
        var words = words
        var modifier: Statement.Modifier? = nil
        var modifierWord: Word? = nil
        if words.count > 1, !words[0].isQuoted, let found = Statement.Modifier(rawValue: words[0].text) {
            modifier = found
            modifierWord = words.removeFirst()
            if !ConfigParser.modifiable.contains(words[0].text) {
                report(.error, .modifierNotAllowed, ParserMessage.modifierNotAllowed(found.rawValue),
                       modifierWord!.start, modifierWord!.end)
            }
        }
        let statement = Statement(file: fileIndex, line: lineIndex, modifier: modifier, modifierWord: modifierWord, words: words)
        if modifier == nil, parser.sectionKeywords.contains(words[0].text) {
            sections.append(SyntaxSection(kind: words[0].text, header: statement))
        } else if sections.isEmpty {
            report(.error, .keywordOutOfSection, ParserMessage.outOfSection(words[0].text), words[0].start, words[0].end,
                   notes: [DiagnosticNote(message: ParserMessage.outOfSectionNote)])
        } else {
            sections[sections.count - 1].statements.append(statement)
        }
    }
}
