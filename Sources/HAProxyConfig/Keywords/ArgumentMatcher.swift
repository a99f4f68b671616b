import ConfigGrammar
import ConfigDiagnostics

/// Checks words against an `ArgumentSignature`, producing findings at the
/// offending word.
struct ArgumentMatcher {
    /// A finding at word offsets (the caller turns it into a diagnostic).
    struct Finding {
        var rule: RuleID
        var message: String
        var start: Int
        var end: Int
        var fixIt: (replacement: String, message: String)?
        var severity: Severity = .error
    }

    let keyword: String
    /// Where a "missing argument" points: the keyword's words.
    let anchor: (start: Int, end: Int)
    /// What `$NAME` in an address expands to.
    let variables: VariableResolver
    var findings: [Finding] = []

    init(keyword: String, anchor: (start: Int, end: Int), variables: VariableResolver = VariableResolver()) {
        self.keyword = keyword
        self.anchor = anchor
        self.variables = variables
    }

    /// Matches the words from `index`; returns the index after the last
    /// word consumed. With `allowTrailing`, leftover words are not an error.
    mutating func match(_ signature: ArgumentSignature, _ words: [Word], from index: Int, allowTrailing: Bool = false) -> Int {
        var position = index
        for element in signature.elements {
            position = match(element, words, position)
        }
        if position < words.count, !allowTrailing {
            findings.append(Finding(rule: .extraArgument, message: ValidationMessage.extra(keyword, words[position].text),
                                    start: words[position].start, end: words[words.count - 1].end))
        }
        return position
    }

    /// Matches one element from `position`; `known` is the check of `words[position]` against it when already made.
    private mutating func match(_ element: ArgumentSignature.Element, _ words: [Word], _ position: Int,
                                known: Finding?? = nil) -> Int {
        switch element {
        case .rest:
            return words.count
        case .optional(let inner):
            guard position < words.count, let first = inner.first else { return position }
            // A plain value's check decides whether it is there, and is kept for matching it.
            var firstCheck: Finding?? = nil
            if case .value = first {
                let finding = check(first, words[position])
                guard finding.map({ $0.severity != .error }) ?? true else { return position }
                firstCheck = .some(finding)
            } else if !accepts(first, words[position]) {
                return position
            }
            var next = match(first, words, position, known: firstCheck)
            for element in inner.dropFirst() { next = match(element, words, next) }
            return next
        case .repeated(let inner):
            var next = match(inner, words, position)
            while next < words.count, accepts(inner, words[next]) { next = match(inner, words, next) }
            return next
        case .value, .choice:
            guard position < words.count, !(words[position].text.isEmpty && !words[position].isQuoted) else {
                findings.append(Finding(rule: .missingArgument, message: ValidationMessage.missing(keyword, describe(element)),
                                        start: anchor.start, end: anchor.end))
                return words.count
            }
            if let finding = known ?? check(element, words[position]) { findings.append(finding) }
            if case .value(.address, _) = element, let expansion = variables.expandAddress(words[position].text) {
                // HAProxy expands an address a second time, quoted or not; an unset name becomes nothing.
                for name in expansion.unset {
                    findings.append(Finding(rule: .unsetVariable, message: LexerMessage.unsetVariable(name),
                                            start: words[position].start, end: words[position].end, severity: .warning))
                }
            }
            return position + 1
        }
    }

    private func accepts(_ element: ArgumentSignature.Element, _ word: Word) -> Bool {
        switch element {
        case .rest: true
        case .optional(let inner): inner.first.map { accepts($0, word) } ?? true
        case .repeated(let inner): accepts(inner, word)
        case .value, .choice: check(element, word).map { $0.severity != .error } ?? true
        }
    }

    private func describe(_ element: ArgumentSignature.Element) -> String {
        switch element {
        case .value(let type, let label):
            switch type {
            case .time: "a time"
            case .timeOrWord(_, let word): "a time or '\(word)'"
            case .integer, .leadingInteger, .signedInteger: "a number"
            case .size: "a size"
            case .address: "an address"
            default: "<\(label)>"
            }
        case .choice(let words): "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .optional(let inner), .repeated(.optional(let inner)): inner.first.map(describe) ?? "an argument"
        case .repeated(let inner): describe(inner)
        case .rest: "more arguments"
        }
    }

    /// Checks one word; nil when it is acceptable.
    func check(_ element: ArgumentSignature.Element, _ word: Word) -> Finding? {
        func invalid(_ message: String, fix: (String, String)? = nil) -> Finding {
            Finding(rule: .invalidArgument, message: message, start: word.start, end: word.end, fixIt: fix)
        }
        let text = word.text
        switch element {
        case .choice(let choices):
            if choices.contains(text) { return nil }
            // `hdr(<name>)` style entries accept any argument in parentheses.
            if choices.contains(where: { $0.hasSuffix("()") && text.hasPrefix($0.dropLast()) && text.hasSuffix(")") }) {
                return nil
            }
            let fix = Suggestion.closest(to: text, in: choices).map { ($0, ValidationMessage.didYouMean($0)) }
            return invalid(ValidationMessage.notOneOf(text, choices), fix: fix)
        case .value(let type, _):
            return check(type, word, invalid)
        default:
            return nil
        }
    }

    private func check(_ type: ArgumentSignature.ValueType, _ word: Word,
                       _ invalid: (String, (String, String)?) -> Finding) -> Finding? {
        let text = word.text
        switch type {
        case .timeOrWord(let unit, let none):
            return text == none ? nil : check(.time(unit), word, invalid)
        case .time(let unit):
            switch Duration.parse(text, defaultUnit: unit) {
            case .success:
                guard let (read, ignored) = Duration.ignoredSuffix(text) else { return nil }
                let fix = TimeUnitFix.replacement(for: String(text.drop { $0.isNumber })).map {
                    String(text.prefix { $0.isNumber }) + $0
                } ?? read
                return Finding(rule: .timeSuffixIgnored, message: ValidationMessage.timeSuffixIgnored(text, read, ignored),
                               start: word.start, end: word.end, fixIt: (fix, ValidationMessage.replaceUnit(fix)),
                               severity: .warning)
            case .failure(.badUnit(let suffix)):
                let fix = TimeUnitFix.replacement(for: suffix).map {
                    (String(text.prefix { $0.isNumber }) + $0, ValidationMessage.replaceUnit($0))
                }
                return invalid(ValidationMessage.badTimeUnit(text, suffix), fix)
            case .failure(.overflow): return invalid(ValidationMessage.timeOverflow(text), nil)
            case .failure(.notANumber): return invalid(ValidationMessage.notTime(text), nil)
            }
        case .integer(let range):
            guard let value = Int64(text), value >= 0 else { return invalid(ValidationMessage.notInteger(text), nil) }
            if let range, !range.contains(value) { return invalid(ValidationMessage.outOfRange(text, range), nil) }
            return nil
        case .leadingInteger(let range):
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int64(digits) else { return invalid(ValidationMessage.notInteger(text), nil) }
            if let range, !range.contains(value) { return invalid(ValidationMessage.outOfRange(text, range), nil) }
            guard digits.count < text.count else { return nil }
            let suffix = text.dropFirst(digits.count)
            let meant = LeadingIntegerFix.multiplier(for: suffix).flatMap { value.multipliedReportingOverflow(by: $0).overflow ? nil : value * $0 }
            return Finding(rule: .numberSuffixIgnored, message: ValidationMessage.numberSuffixIgnored(text, String(digits), String(suffix)),
                           start: word.start, end: word.end,
                           fixIt: (String(meant ?? value), ValidationMessage.writeNumber(String(meant ?? value))), severity: .warning)
        case .signedInteger:
            return Int64(text) == nil ? invalid(ValidationMessage.notInteger(text), nil) : nil
        case .size:
            return ByteSize.parse(text) == nil ? invalid(ValidationMessage.notSize(text), nil) : nil
        case .address(let portRequired):
            let expanded = variables.expandAddress(text)?.text ?? text
            // Split on the bytes: a comma is ASCII, and most addresses have none.
            let parts = expanded.utf8.contains(UInt8(ascii: ","))
                ? expanded.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { String(Substring($0)) }
                : [expanded]
            for part in parts {
                if case .failure(let error) = ConfigAddress.parse(
                    part, portRequired: portRequired, allowRange: portRequired, allowOffset: !portRequired)
                {
                    let message = ValidationMessage.address(error, part)
                    return invalid(expanded == text ? message : message + ValidationMessage.expandedFrom(text), nil)
                }
            }
            return nil
        case .name, .string, .file:
            return nil
        }
    }
}

/// What a suffix HAProxy ignores on a number most likely meant.
enum LeadingIntegerFix {
    static func multiplier(for suffix: Substring) -> Int64? {
        switch suffix.lowercased() {
        case "k": 1_000
        case "m": 1_000_000
        case "g": 1_000_000_000
        default: nil
        }
    }
}

/// Maps common misspellings of time units to HAProxy's.
enum TimeUnitFix {
    static func replacement(for suffix: String) -> String? {
        switch suffix.lowercased() {
        case "sec", "secs", "second", "seconds", "S": "s"
        case "min", "mins", "minute", "minutes": "m"
        case "hr", "hrs", "hour", "hours": "h"
        case "day", "days": "d"
        case "msec", "msecs", "millis", "milliseconds": "ms"
        case "usec", "usecs", "micros", "microseconds": "us"
        default: nil
        }
    }
}
