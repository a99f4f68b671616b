import ConfigDiagnostics

/// `.if`, `.elif`, `.else`, `.endif` and the message directives.
extension FileReader {
    mutating func directive(_ words: [Word]) {
        let name = words[0]
        let active = conditions.isActive
        switch name.text {
        case ".if":
            if conditions.depth >= ConditionalStack.maximumDepth {
                report(.error, .conditionTooDeep, ParserMessage.tooDeep, name.start, name.end)
                conditions.openIf(false, at: name.start)
                return
            }
            conditions.openIf(active ? evaluate(words) : nil, at: name.start)
        case ".elif":
            let condition = conditions.elifNeedsCondition ? evaluate(words) : nil
            if let problem = conditions.elif(condition) { reportUnbalanced(problem, name) }
        case ".else":
            guard noArguments(words) else { return }
            if let problem = conditions.otherwise() { reportUnbalanced(problem, name) }
        case ".endif":
            guard noArguments(words) else { return }
            if let problem = conditions.endIf() { reportUnbalanced(problem, name) }
        case ".alert", ".warning", ".notice", ".diag":
            guard active else { return }
            message(words)
        default:
            guard active else { return }
            report(.error, .unknownDirective, ParserMessage.unknownDirective(name.text), name.start, name.end)
        }
    }

    private mutating func evaluate(_ words: [Word]) -> Bool? {
        let arguments = words.dropFirst()
        let expression = arguments.map(\.text).joined(separator: " ")
        switch ConditionEvaluator(variables: parser.variables, build: parser.build).evaluate(expression) {
        case .success(let value):
            return value
        case .failure(let failure):
            let start = arguments.first?.start ?? words[0].end
            let end = arguments.last?.end ?? start
            report(.error, .conditionSyntax, ParserMessage.conditionSyntax(words[0].text, failure.message), start, end)
            return nil
        }
    }

    private mutating func noArguments(_ words: [Word]) -> Bool {
        guard words.count > 1 else { return true }
        report(.error, .directiveArguments, ParserMessage.unexpectedArgument(words[0].text), words[1].start, words.last!.end)
        return false
    }

    private mutating func reportUnbalanced(_ problem: ConditionalStack.Problem, _ word: Word) {
        let message = problem == .lone ? ParserMessage.lone(word.text) : ParserMessage.afterElse(word.text)
        report(.error, .conditionUnbalanced, message, word.start, word.end)
    }

    private mutating func message(_ words: [Word]) {
        let name = words[0]
        if words.count > 2 {
            report(.error, .directiveArguments, ParserMessage.messageArguments(name.text), words[2].start, words.last!.end)
            return
        }
        let text = words.count > 1 ? words[1].text : ""
        switch name.text {
        case ".alert": report(.error, .alertDirective, ParserMessage.alert(text), name.start, words.last!.end)
        case ".warning": report(.warning, .warningDirective, ParserMessage.warning(text), name.start, words.last!.end)
        default: report(.note, .noticeDirective, ParserMessage.notice(text), name.start, words.last!.end)
        }
    }
}
