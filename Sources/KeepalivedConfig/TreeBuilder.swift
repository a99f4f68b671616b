import ConfigDiagnostics

/// Builds the block tree from the lexer's lines with an explicit stack.
struct TreeBuilder {
    /// A block being filled: its node (children collected separately) and
    /// the keyword its children are checked against (nil: not checked).
    struct OpenBlock {
        var node: KeepalivedNode
        var children: [KeepalivedNode]
        var grammarBlock: String?
    }

    let parser: KeepalivedParser
    var files: [SourceFile]
    var diagnostics: [Diagnostic] = []
    var definitions: [String: String] = [:]
    var top: [KeepalivedNode] = []
    var stack: [OpenBlock] = []
    /// Levels opened past the depth limit: their braces are matched but not nested.
    var flattened = 0
    /// A keyword that needs a block, read on a line without its `{`.
    var awaitingBlock: KeepalivedWord?

    init(parser: KeepalivedParser, files: [SourceFile]) {
        self.parser = parser
        self.files = files
    }

    mutating func report(_ severity: Severity, _ rule: RuleID, _ message: String, _ word: KeepalivedWord,
                         notes: [DiagnosticNote] = [], fixIts: [FixIt] = []) {
        let range = files[word.file].range(word.start, word.end)
        diagnostics.append(Diagnostic(severity, rule, message, at: range, notes: notes, fixIts: fixIts))
    }

    mutating func read(fileIndex: Int, includeDepth: Int) {
        var lexer = KeepalivedLexer(source: files[fileIndex], fileIndex: fileIndex, configID: parser.configID,
                                    definitions: definitions)
        let lines = lexer.lines()
        definitions = lexer.definitions
        diagnostics += lexer.diagnostics
        for line in lines {
            consume(line.words, includeDepth: includeDepth)
        }
    }

    /// Splits a line at braces into statements, opening and closing blocks.
    mutating func consume(_ words: [KeepalivedWord], includeDepth: Int) {
        var current: [KeepalivedWord] = []
        for word in words {
            if word.isOpenBrace {
                if current.isEmpty {
                    openPreviousStatement(at: word)
                } else {
                    statement(current, opensBlock: true, includeDepth: includeDepth)
                }
                current = []
            } else if word.isCloseBrace {
                if !current.isEmpty { statement(current, opensBlock: false, includeDepth: includeDepth) }
                current = []
                close(word)
            } else {
                current.append(word)
            }
        }
        if !current.isEmpty { statement(current, opensBlock: false, includeDepth: includeDepth) }
    }

    /// `{` on a line of its own opens the block of the statement before it.
    mutating func openPreviousStatement(at brace: KeepalivedWord) {
        awaitingBlock = nil
        let last: KeepalivedNode?
        if stack.isEmpty { last = top.popLast() } else { last = stack[stack.count - 1].children.popLast() }
        guard let last, last.children == nil else {
            if let last { append(last) }
            report(.error, .keepalivedBlockExpected, KeepalivedMessage.extraBrace, brace)
            return
        }
        open(last)
    }

    mutating func statement(_ words: [KeepalivedWord], opensBlock: Bool, includeDepth: Int) {
        settleAwaitedBlock()
        let node = KeepalivedNode(keyword: words[0], arguments: Array(words.dropFirst()))
        if node.keyword.text == "include", !opensBlock {
            include(node, depth: includeDepth)
            return
        }
        validate(node, opensBlock: opensBlock)
        if opensBlock { open(node) } else { append(node) }
    }

    mutating func append(_ node: KeepalivedNode) {
        if stack.isEmpty { top.append(node) } else { stack[stack.count - 1].children.append(node) }
    }

    mutating func open(_ node: KeepalivedNode) {
        if stack.count >= KeepalivedParser.maximumDepth {
            if flattened == 0 { report(.error, .keepalivedTooDeep, KeepalivedMessage.tooDeep, node.keyword) }
            flattened += 1
            return
        }
        let grammarBlock: String?
        if let parent = stack.last, parent.grammarBlock == nil {
            grammarBlock = nil
        } else {
            let parentBlock = stack.last?.grammarBlock ?? "top"
            let entry = parser.table.entry(node.keyword.text, in: parentBlock)
            grammarBlock = entry == nil || entry!.holdsValues ? nil : node.keyword.text
        }
        stack.append(OpenBlock(node: node, children: [], grammarBlock: grammarBlock))
    }

    mutating func close(_ brace: KeepalivedWord) {
        settleAwaitedBlock()
        if flattened > 0 {
            flattened -= 1
            return
        }
        guard var block = stack.popLast() else {
            report(.error, .keepalivedExtraBrace, KeepalivedMessage.extraBrace, brace)
            return
        }
        block.node.children = block.children
        append(block.node)
    }

    /// Closes what is still open at the end, reporting each unclosed brace.
    mutating func finish() -> [KeepalivedNode] {
        settleAwaitedBlock()
        while var block = stack.popLast() {
            report(.error, .keepalivedMissingBrace, KeepalivedMessage.missingBrace(block.node.keyword.text), block.node.keyword)
            block.node.children = block.children
            append(block.node)
        }
        return top
    }
}
