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
    }

    let keyword: String
    /// Where a "missing argument" points: the keyword's words.
    let anchor: (start: Int, end: Int)
    var findings: [Finding] = []

    init(keyword: String, anchor: (start: Int, end: Int)) {
        self.keyword = keyword
        self.anchor = anchor
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

    private mutating func match(_ element: ArgumentSignature.Element, _ words: [Word], _ position: Int) -> Int {
        switch element {
        case .rest:
            return words.count
        case .optional(let inner):
            guard position < words.count, let first = inner.first, accepts(first, words[position]) else { return position }
            var next = position
            for element in inner { next = match(element, words, next) }
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
            if let finding = check(element, words[position]) { findings.append(finding) }
            return position + 1
        }
    }

    private func accepts(_ element: ArgumentSignature.Element, _ word: Word) -> Bool {
        switch element {
        case .rest: true
        case .optional(let inner): inner.first.map { accepts($0, word) } ?? true
        case .repeated(let inner): accepts(inner, word)
        case .value, .choice: check(element, word) == nil
        }
    }

    private func describe(_ element: ArgumentSignature.Element) -> String {
        switch element {
        case .value(let type, let label):
            switch type {
            case .time: "a time"
            case .integer, .signedInteger: "a number"
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
        case .time(let unit):
            switch Duration.parse(text, defaultUnit: unit) {
            case .success: return nil
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
        case .signedInteger:
            return Int64(text) == nil ? invalid(ValidationMessage.notInteger(text), nil) : nil
        case .size:
            return ByteSize.parse(text) == nil ? invalid(ValidationMessage.notSize(text), nil) : nil
        case .address(let portRequired):
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                if case .failure(let error) = ConfigAddress.parse(
                    String(part), portRequired: portRequired, allowRange: portRequired, allowOffset: !portRequired)
                {
                    return invalid(ValidationMessage.address(error, String(part)), nil)
                }
            }
            return nil
        case .name, .string, .file:
            return nil
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
