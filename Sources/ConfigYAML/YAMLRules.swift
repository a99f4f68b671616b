import ConfigDiagnostics

extension RuleID {
    static let yamlSyntax = RuleID("yaml-syntax")
    static let yamlUnexpectedType = RuleID("yaml-unexpected-type")
    static let yamlMissingName = RuleID("yaml-missing-name")
    static let yamlUnknownKey = RuleID("yaml-unknown-key")
    static let yamlValueUnwritable = RuleID("yaml-value-unwritable")
}

/// The YAML converter's messages, beside the rule ids they belong to.
enum YAMLMessage {
    static func syntax(_ detail: String) -> String { "invalid YAML: \(detail)" }
    static func expected(_ what: String, for key: String) -> String { "'\(key)' expects \(what)" }
    static func missingName(_ section: String) -> String { "every entry of '\(section)' needs a 'name'" }
    static func unwritable(_ byte: UInt8) -> String {
        let what = byte == 0 ? "a NUL byte" : byte == 0x0A ? "a line break" : "a carriage return"
        return "this value contains \(what), which would end the haproxy.cfg line and start a new statement; write it on one line"
    }
    static func notOneWord(_ key: String, count: Int) -> String {
        "'\(key)' must be one haproxy.cfg word; HAProxy would read \(count == 0 ? "none" : "\(count) words") here (quote it, or escape the blank or '#')"
    }
    static func unknownKey(_ key: String, allowed: [String]) -> String {
        "unknown key '\(key)': use " + allowed.joined(separator: ", ")
    }
    static let nothingToWrite = "'keepalived' describes nothing to write: give instances, vrrp_scripts, global_defs or blocks"
    static func unknownTopKey(_ key: String) -> String {
        "unknown top-level key '\(key)': use global, defaults, frontends, backends, listens, peers, userlists, resolvers, sections, keepalived or nodes"
    }
}
