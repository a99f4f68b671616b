import ConfigDiagnostics

extension RuleID {
    static let yamlSyntax = RuleID("yaml-syntax")
    static let yamlUnexpectedType = RuleID("yaml-unexpected-type")
    static let yamlMissingName = RuleID("yaml-missing-name")
    static let yamlUnknownKey = RuleID("yaml-unknown-key")
}

/// The YAML converter's messages, beside the rule ids they belong to.
enum YAMLMessage {
    static func syntax(_ detail: String) -> String { "invalid YAML: \(detail)" }
    static func expected(_ what: String, for key: String) -> String { "'\(key)' expects \(what)" }
    static func missingName(_ section: String) -> String { "every entry of '\(section)' needs a 'name'" }
    static func unknownTopKey(_ key: String) -> String {
        "unknown top-level key '\(key)': use global, defaults, frontends, backends, listens, peers, userlists, resolvers, sections, keepalived or nodes"
    }
}
