import ConfigGrammar
import ConfigDiagnostics

/// Checks each statement against the keyword table as it is read.
extension TreeBuilder {
    /// Reports a keyword that needed a block when what follows is not `{`.
    mutating func settleAwaitedBlock() {
        guard let keyword = awaitingBlock else { return }
        awaitingBlock = nil
        report(.error, .keepalivedBlockExpected, KeepalivedMessage.blockExpected(keyword.text), keyword)
    }

    mutating func validate(_ node: KeepalivedNode, opensBlock: Bool) {
        if let parent = stack.last, parent.grammarBlock == nil { return }
        let block = stack.last?.grammarBlock ?? "top"
        let keyword = node.keyword
        guard let entry = parser.table.entry(keyword.text, in: block) else {
            reportUnknown(keyword, in: block)
            return
        }
        if parser.table.opensBlock(keyword.text, in: block), !opensBlock {
            // Keepalived accepts the `{` on the next line: decide when the next word comes.
            awaitingBlock = keyword
            return
        }
        if !entry.holdsValues { checkArguments(node, entry.signature) }
    }

    private mutating func reportUnknown(_ keyword: KeepalivedWord, in block: String) {
        let elsewhere = parser.table.blocks(of: keyword.text)
        if !elsewhere.isEmpty {
            report(.error, .keepalivedWrongBlock, KeepalivedMessage.wrongBlock(keyword.text, block), keyword,
                   notes: [DiagnosticNote(message: KeepalivedMessage.belongsIn(elsewhere))])
            return
        }
        var fixIts: [FixIt] = []
        if let suggestion = Suggestion.closest(to: keyword.text, in: parser.table.keywords(in: block)) {
            fixIts.append(FixIt(message: KeepalivedMessage.didYouMean(suggestion),
                                range: files[keyword.file].range(keyword.start, keyword.end), replacement: suggestion))
        }
        report(.error, .keepalivedUnknownKeyword, KeepalivedMessage.unknownKeyword(keyword.text, block), keyword, fixIts: fixIts)
    }

    /// Checks the leading typed arguments: `<int:a-b>`, `<sint>`, `<number>`,
    /// `{A|B}` choices, `[…]` optional, `*` anything after, and plain words.
    private mutating func checkArguments(_ node: KeepalivedNode, _ signature: [String]) {
        let arguments = node.arguments
        var index = 0
        for element in signature {
            if element == "*" { return }
            let optional = element.hasPrefix("[") && element.hasSuffix("]")
            let expected = optional ? String(element.dropFirst().dropLast()) : element
            guard index < arguments.count else {
                if !optional {
                    report(.error, .keepalivedMissingArgument, KeepalivedMessage.missing(node.keyword.text, describe(expected)),
                           node.keyword)
                }
                return
            }
            if let message = problem(arguments[index].text, expected) {
                report(.error, .keepalivedInvalidArgument, message, arguments[index])
            }
            index += 1
        }
        if index < arguments.count {
            // keepalived reads the values it takes and silently ignores the rest (`keepalived -t` passes).
            report(.warning, .keepalivedExtraArgument, KeepalivedMessage.extra(node.keyword.text, arguments[index].text),
                   arguments[index])
        }
    }

    private func describe(_ expected: String) -> String {
        if expected.hasPrefix("{") { return "one of " + choices(expected).map { "'\($0)'" }.joined(separator: ", ") }
        if expected.hasPrefix("<int") || expected == "<sint>" || expected == "<number>" { return "a number" }
        return "an argument"
    }

    private func choices(_ expected: String) -> [String] {
        expected.dropFirst().dropLast().split(separator: "|").map(String.init)
    }

    private func problem(_ word: String, _ expected: String) -> String? {
        switch expected {
        case "<sint>":
            return Int(word) == nil ? KeepalivedMessage.notNumber(word) : nil
        case "<number>":
            return Double(word) == nil || word.hasPrefix("-") ? KeepalivedMessage.notNumber(word) : nil
        case _ where expected.hasPrefix("<int"):
            guard let value = Int(word), value >= 0 else { return KeepalivedMessage.notNumber(word) }
            if let range = range(expected), !range.contains(value) { return KeepalivedMessage.outOfRange(word, range) }
            return nil
        case _ where expected.hasPrefix("{"):
            let options = choices(expected)
            return options.contains(word) ? nil : KeepalivedMessage.notOneOf(word, options)
        default:
            return nil
        }
    }

    private func range(_ expected: String) -> ClosedRange<Int>? {
        guard let colon = expected.firstIndex(of: ":") else { return nil }
        let bounds = expected[expected.index(after: colon)...].dropLast().split(separator: "-").compactMap { Int($0) }
        return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]...bounds[1] : nil
    }
}
