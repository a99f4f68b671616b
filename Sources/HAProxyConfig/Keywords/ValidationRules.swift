import ConfigDiagnostics

extension RuleID {
    static let unknownKeyword = RuleID("unknown-keyword")
    static let keywordWrongSection = RuleID("keyword-wrong-section")
    static let keywordIgnored = RuleID("keyword-ignored")
    static let missingArgument = RuleID("missing-argument")
    static let extraArgument = RuleID("extra-argument")
    static let invalidArgument = RuleID("invalid-argument")
    static let sectionNameMissing = RuleID("section-name-missing")
    static let unknownBindOption = RuleID("unknown-bind-option")
    static let unknownServerOption = RuleID("unknown-server-option")
    static let invalidName = RuleID("invalid-name")
    static let defaultsUndefined = RuleID("defaults-undefined")
    static let timeSuffixIgnored = RuleID("time-suffix-ignored")
    static let keywordRemoved = RuleID("keyword-removed")
    static let numberSuffixIgnored = RuleID("number-suffix-ignored")
}

/// The validator's messages, kept beside the rule ids they belong to.
enum ValidationMessage {
    static func unknownKeyword(_ keyword: String, _ section: String) -> String {
        "unknown keyword '\(keyword)' in '\(section)' section"
    }
    static func didYouMean(_ candidate: String) -> String { "did you mean '\(candidate)'?" }
    static func useInstead(_ replacement: String) -> String { "use '\(replacement)'" }
    static func wrongSection(_ keyword: String, _ section: String) -> String {
        "'\(keyword)' is not allowed in a '\(section)' section"
    }
    static func belongsIn(_ sections: [String]) -> String {
        "it belongs in " + sections.map { "'\($0)'" }.joined(separator: ", ")
    }
    static func anonymousDefaults(_ keyword: String) -> String {
        "'\(keyword)' is not allowed in an anonymous 'defaults' section"
    }
    static let nameTheDefaults = "name the section ('defaults NAME') and inherit it explicitly ('frontend x from NAME')"
    static func invalidName(_ character: Character, _ kind: String, _ name: String) -> String {
        "character '\(character)' is not allowed in \(kind) name '\(name)': use letters, digits, '.', ':', '_' and '-'"
    }
    static let useBind = "a listening address in the section header is no longer accepted: use a 'bind' line"
    static func defaultsUndefined(_ name: String) -> String {
        "no 'defaults \(name)' section before this one: a named defaults section must come before the sections that use it"
    }
    static func ignored(_ keyword: String, _ section: String) -> String {
        "'\(keyword)' has no effect in a '\(section)' section: HAProxy ignores it"
    }
    static func missing(_ keyword: String, _ expected: String) -> String {
        "'\(keyword)' expects \(expected)"
    }
    static func extra(_ keyword: String, _ word: String) -> String {
        "unexpected argument '\(word)' after '\(keyword)'"
    }
    static func notOneOf(_ word: String, _ choices: [String]) -> String {
        "'\(word)' is not one of " + choices.map { "'\($0)'" }.joined(separator: ", ")
    }
    static func notInteger(_ word: String) -> String { "'\(word)' is not a number" }
    static func outOfRange(_ word: String, _ range: ClosedRange<Int64>) -> String {
        "'\(word)' is out of range: expected \(range.lowerBound) to \(range.upperBound)"
    }
    static func notSize(_ word: String) -> String { "'\(word)' is not a size: use a number with an optional k, m or g suffix" }
    static func badTimeUnit(_ word: String, _ unit: String) -> String {
        "unknown time unit '\(unit)' in '\(word)': use us, ms, s, m, h or d"
    }
    static func timeSuffixIgnored(_ word: String, _ read: String, _ ignored: String) -> String {
        "unexpected characters '\(ignored)' after the timer value '\(word)': HAProxy 2.6 reads '\(read)' and warns "
            + "that this will be reported as an error in next versions"
    }
    static func numberSuffixIgnored(_ word: String, _ read: String, _ ignored: String) -> String {
        "HAProxy reads '\(word)' as \(read): it ignores '\(ignored)' without a word"
    }
    static func writeNumber(_ number: String) -> String { "write the number: \(number)" }
    static func notTime(_ word: String) -> String { "'\(word)' is not a time: use a number with an optional unit (us, ms, s, m, h, d)" }
    static func timeOverflow(_ word: String) -> String { "'\(word)' is too large for a timer (at most about 24 days)" }
    static func replaceUnit(_ unit: String) -> String { "use '\(unit)'" }
    static func sectionName(_ section: String) -> String { "'\(section)' needs a name" }
    static func unknownBindOption(_ option: String) -> String { "unknown bind option '\(option)'" }
    static func unknownServerOption(_ option: String) -> String { "unknown server option '\(option)'" }
    static func address(_ error: ConfigAddress.ParseError, _ word: String) -> String {
        switch error {
        case .empty: "empty address"
        case .unknownPrefix(let prefix): "unknown address family '\(prefix)@' in '\(word)'"
        case .missingPort: "missing port in '\(word)'"
        case .invalidPort(let port): "invalid port '\(port)': a port is a number from 0 to 65535"
        case .portRangeNotAllowed(let port): "port range '\(port)' is not allowed here"
        case .invalidIPv4(let host): "invalid IPv4 address '\(host)'"
        case .invalidHost(let host): "invalid host '\(host)'"
        }
    }
    static func expandedFrom(_ word: String) -> String { " (HAProxy expands the environment variables of '\(word)')" }
}
