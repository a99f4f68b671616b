import ConfigGrammar
import ConfigDiagnostics

/// Checks every statement of a `ConfigSyntax` against the grammar tables:
/// unknown keywords (with a suggestion), keywords in the wrong section,
/// argument counts and types, and the options of `bind` and `server` lines.
public struct KeywordValidator: Sendable {
    public let registry: KeywordRegistry
    /// What `$NAME` in an address expands to (HAProxy expands addresses a second time).
    public let variables: VariableResolver

    public init(registry: KeywordRegistry = .standard, variables: VariableResolver = VariableResolver()) {
        self.registry = registry
        self.variables = variables
    }

    public func validate(_ syntax: ConfigSyntax) -> [Diagnostic] {
        let chunks = SectionChunks(syntax.sections)
        let seen = defaultsSeen(syntax, before: chunks)
        return concurrentMap(count: chunks.count) { index in
            validate(syntax, sections: chunks.ranges[index], defaultsSeen: seen[index])
        }.flatMap { $0 }
    }

    /// The names of the `defaults` sections defined before each chunk's first section.
    func defaultsSeen(_ syntax: ConfigSyntax, before chunks: SectionChunks) -> [Set<String>] {
        var seen: Set<String> = []
        var result: [Set<String>] = []
        var next = 0
        for range in chunks.ranges {
            for section in syntax.sections[next..<range.lowerBound] where section.kind == "defaults" {
                if let name = section.name, name != "from" { seen.insert(name) }
            }
            next = range.lowerBound
            result.append(seen)
        }
        return result
    }

    /// The findings of the sections in `range`, where `defaultsSeen` names
    /// the `defaults` sections defined before the first of them.
    func validate(_ syntax: ConfigSyntax, sections range: Range<Int>, defaultsSeen: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var defaultsSeen = defaultsSeen
        for section in syntax.sections[range] {
            let file = syntax.files[section.header.file]
            diagnostics += validateHeader(section, file)
            if let missing = undefinedDefaults(section, seen: defaultsSeen, file) { diagnostics.append(missing) }
            if section.kind == "defaults", let name = section.name, name != "from" { defaultsSeen.insert(name) }
            let anonymousDefaults = section.kind == "defaults" && section.name == nil
            for statement in section.statements {
                if anonymousDefaults, let diagnostic = ruleInAnonymousDefaults(statement, file) {
                    diagnostics.append(diagnostic)
                    continue
                }
                diagnostics += validate(statement, in: section.kind, file)
            }
        }
        return diagnostics
    }

    /// `from NAME` must name a `defaults` section defined earlier.
    private func undefinedDefaults(_ section: SyntaxSection, seen: Set<String>, _ file: SyntaxFile) -> Diagnostic? {
        let header = section.header.words
        guard Self.proxySections.contains(section.kind), let from = header.firstIndex(where: { $0.text == "from" }),
              from + 1 < header.count, !seen.contains(header[from + 1].text) else { return nil }
        let name = header[from + 1]
        return Diagnostic(.error, .defaultsUndefined, ValidationMessage.defaultsUndefined(name.text), at: file.range(of: name))
    }

    /// Keywords HAProxy 2.6 accepts only in a named `defaults` section.
    static let namedDefaultsOnly: Set<String> = [
        "acl", "http-request", "http-response", "http-after-response", "tcp-request", "tcp-response",
    ]

    private func ruleInAnonymousDefaults(_ statement: Statement, _ file: SyntaxFile) -> Diagnostic? {
        guard Self.namedDefaultsOnly.contains(statement.keyword) else { return nil }
        return Diagnostic(.error, .keywordWrongSection, ValidationMessage.anonymousDefaults(statement.keyword),
                          at: file.range(of: statement.words[0]),
                          notes: [DiagnosticNote(message: ValidationMessage.nameTheDefaults)])
    }

    private func validateHeader(_ section: SyntaxSection, _ file: SyntaxFile) -> [Diagnostic] {
        guard let info = registry.sections[section.kind] else { return [] }
        let header = section.header.words
        if info.name == .required, header.count < 2 {
            return [Diagnostic(.error, .sectionNameMissing, ValidationMessage.sectionName(section.kind), at: file.range(of: header[0]))]
        }
        guard Self.proxySections.contains(section.kind), header.count > 1 else { return [] }
        var diagnostics: [Diagnostic] = []
        var index = 1
        if header[1].text != "from" {
            if let bad = NameCheck.invalidCharacter(in: header[1].text) {
                diagnostics.append(Diagnostic(.error, .invalidName, ValidationMessage.invalidName(bad, section.kind, header[1].text),
                                              at: file.range(of: header[1])))
            }
            index = 2
        }
        if index < header.count, header[index].text == "from", index + 1 < header.count {
            index += 2
        }
        if index < header.count {
            // `frontend web :80` was the pre-1.5 way to listen.
            let message = section.kind == "defaults" || header[index].text == "from"
                ? ValidationMessage.extra(section.kind, header[index].text) : ValidationMessage.useBind
            diagnostics.append(Diagnostic(.error, .extraArgument, message,
                                          at: file.source.range(header[index].start, header[header.count - 1].end)))
        }
        return diagnostics
    }

    static let proxySections: Set<String> = ["defaults", "frontend", "backend", "listen"]

    func validate(_ statement: Statement, in section: String, _ file: SyntaxFile) -> [Diagnostic] {
        let words = statement.words
        guard let info = registry.lookup(words) else {
            if let removed = RemovedKeyword.matching(words, in: section) { return [self.removed(removed, statement, file)] }
            return [unknown(statement, in: section, file)]
        }
        let keywordEnd = words[info.wordCount - 1].end
        if !info.sections.contains(section) {
            if info.ignoredIn.contains(section) {
                return [Diagnostic(.warning, .keywordIgnored, ValidationMessage.ignored(info.name, section),
                                   at: file.source.range(words[0].start, keywordEnd))]
            }
            let belongs = DiagnosticNote(message: ValidationMessage.belongsIn(info.sections.sorted(by: Self.sectionOrder)))
            return [Diagnostic(.error, .keywordWrongSection, ValidationMessage.wrongSection(info.name, section),
                               at: file.source.range(words[0].start, keywordEnd), notes: [belongs])]
        }
        if statement.modifier == .no || statement.modifier == .default { return [] }
        var nameDiagnostics: [Diagnostic] = []
        if ["acl", "server", "server-template"].contains(info.name), words.count > 1,
           let bad = NameCheck.invalidCharacter(in: words[1].text) {
            nameDiagnostics.append(Diagnostic(.error, .invalidName, ValidationMessage.invalidName(bad, info.name, words[1].text),
                                              at: file.range(of: words[1])))
        }
        return nameDiagnostics + validateArguments(statement, info, in: section, file)
    }

    private func validateArguments(_ statement: Statement, _ info: KeywordInfo, in section: String,
                                   _ file: SyntaxFile) -> [Diagnostic] {
        let words = statement.words
        let keywordEnd = words[info.wordCount - 1].end
        var matcher = ArgumentMatcher(keyword: info.name, anchor: (words[0].start, keywordEnd), variables: variables)
        switch info.name {
        case "bind":
            let next = matcher.match(info.signature.positional, words, from: info.wordCount, allowTrailing: true)
            return toDiagnostics(matcher.findings, file) + options(words, from: next, registry.bindOptions,
                                                                  rule: .unknownBindOption, file, ValidationMessage.unknownBindOption)
        case "server", "default-server", "server-template":
            var next = matcher.match(info.signature.positional, words, from: info.wordCount, allowTrailing: true)
            // In a proxy the word after a server's name (and a template's count) is its address, whatever it
            // looks like: one that does not parse is a bad address, not an unknown option.
            let addressIndex = info.name == "server-template" ? 3 : 2
            if info.name != "default-server", Self.proxySections.contains(section), next == addressIndex,
               addressIndex < words.count, registry.serverOptions[words[addressIndex].text] == nil,
               let finding = matcher.check(.value(.address(portRequired: false), label: "addr"), words[addressIndex]) {
                matcher.findings.append(finding)
                next += 1
            }
            return toDiagnostics(matcher.findings, file) + options(words, from: next, registry.serverOptions,
                                                                  rule: .unknownServerOption, file, ValidationMessage.unknownServerOption)
        default:
            _ = matcher.match(info.signature, words, from: info.wordCount)
            return toDiagnostics(matcher.findings, file)
        }
    }

    /// Validates `bind`/`server` options: each word names an option whose
    /// own signature says how many words follow it. HAProxy stops at the
    /// first unknown option, and so does this check.
    private func options(_ words: [Word], from start: Int, _ table: [String: OptionInfo], rule: RuleID,
                         _ file: SyntaxFile, _ message: (String) -> String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var index = start
        while index < words.count {
            let word = words[index]
            guard let option = table[word.text] else {
                var fixIts: [FixIt] = []
                if let suggestion = Suggestion.closest(to: word.text, in: table.keys) {
                    fixIts.append(FixIt(message: ValidationMessage.didYouMean(suggestion), range: file.range(of: word),
                                        replacement: suggestion))
                }
                diagnostics.append(Diagnostic(.error, rule, message(word.text), at: file.range(of: word), fixIts: fixIts))
                // Like HAProxy, stop at the first unknown option: what follows
                // may be its value, and guessing would only add noise.
                break
            }
            var matcher = ArgumentMatcher(keyword: option.name, anchor: (word.start, word.end), variables: variables)
            index = matcher.match(option.signature, words, from: index + 1, allowTrailing: true)
            diagnostics += toDiagnostics(matcher.findings, file)
        }
        return diagnostics
    }

    /// A directive HAProxy no longer accepts: its own message, and the rewrite where one is mechanical.
    private func removed(_ removed: RemovedKeyword, _ statement: Statement, _ file: SyntaxFile) -> Diagnostic {
        let words = statement.words
        let keywordWords = removed.keyword.split(separator: " ").count
        let keywordRange = file.source.range(words[0].start, words[keywordWords - 1].end)
        var fixIts: [FixIt] = []
        switch removed.fix {
        case .keyword:
            fixIts.append(FixIt(message: ValidationMessage.useInstead(removed.replacement), range: keywordRange,
                                replacement: removed.replacement))
        case .header:
            // `reqadd "X-Name: value"`: the header line becomes a name and a value (a log-format
            // string, so a value with `%` is left to the reader).
            if words.count > 1, let colon = words[1].text.firstIndex(of: ":"), !words[1].text.contains("%") {
                let name = words[1].text[..<colon]
                let value = words[1].text[words[1].text.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                let plain = !value.isEmpty && !value.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "\"" || $0 == "\\" })
                let quoted = plain ? String(value) : "'" + value.split(separator: "'", omittingEmptySubsequences: false)
                    .joined(separator: "'\\''") + "'"
                fixIts.append(FixIt(message: ValidationMessage.useInstead(removed.replacement),
                                    range: file.source.range(words[0].start, words[1].end),
                                    replacement: "\(removed.replacement) \(name) \(quoted)"))
            }
        case .none:
            break
        }
        return Diagnostic(.error, .keywordRemoved, removed.message, at: keywordRange, fixIts: fixIts)
    }

    private func unknown(_ statement: Statement, in section: String, _ file: SyntaxFile) -> Diagnostic {
        let words = statement.words
        let first = words[0].text
        let family = registry.keywords(startingWith: first)
        let inSection = { (info: KeywordInfo) in info.sections.contains(section) }
        // `timeout conect`: the family exists, the sub-keyword does not.
        if !family.isEmpty, words.count > 1 {
            let subKeywords = family.filter(inSection).compactMap { $0.name.split(separator: " ").dropFirst().first.map(String.init) }
            let sub = words[1]
            var fixIts: [FixIt] = []
            if let suggestion = Suggestion.closest(to: sub.text, in: Set(subKeywords)) {
                fixIts.append(FixIt(message: ValidationMessage.didYouMean(suggestion), range: file.range(of: sub), replacement: suggestion))
            }
            return Diagnostic(.error, .unknownKeyword, ValidationMessage.unknownKeyword("\(first) \(sub.text)", section),
                              at: file.source.range(words[0].start, sub.end), fixIts: fixIts)
        }
        var fixIts: [FixIt] = []
        if let suggestion = Suggestion.closest(to: first, in: registry.firstWords(in: section)) {
            fixIts.append(FixIt(message: ValidationMessage.didYouMean(suggestion), range: file.range(of: words[0]),
                                replacement: suggestion))
        }
        var notes: [DiagnosticNote] = []
        if fixIts.isEmpty, let elsewhere = registry.lookup([first]) {
            notes.append(DiagnosticNote(message: ValidationMessage.belongsIn(elsewhere.sections.sorted(by: Self.sectionOrder))))
        }
        return Diagnostic(.error, .unknownKeyword, ValidationMessage.unknownKeyword(first, section),
                          at: file.range(of: words[0]), notes: notes, fixIts: fixIts)
    }

    private func toDiagnostics(_ findings: [ArgumentMatcher.Finding], _ file: SyntaxFile) -> [Diagnostic] {
        findings.map { finding in
            let range = file.source.range(finding.start, finding.end)
            let fixIts = finding.fixIt.map { [FixIt(message: $0.message, range: range, replacement: $0.replacement)] } ?? []
            return Diagnostic(finding.severity, finding.rule, finding.message, at: range, fixIts: fixIts)
        }
    }

    /// Sections in the order a reader expects them.
    static func sectionOrder(_ a: String, _ b: String) -> Bool {
        let order = ["global", "defaults", "frontend", "backend", "listen"]
        let x = order.firstIndex(of: a) ?? order.count, y = order.firstIndex(of: b) ?? order.count
        return x != y ? x < y : a < b
    }
}
