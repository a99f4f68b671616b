import HAProxyConfig

/// `-dK CLASS[,CLASS…]`: the keywords weir's grammar tables know, listed by
/// HAProxy's class names. The lists are weir's (Grammar/), not HAProxy's
/// registry: what weir's checker accepts.
enum HAProxyKeywordDump {
    /// The classes weir lists, with HAProxy's descriptions.
    static let classes: [(name: String, summary: String)] = [
        ("all", "list all keywords"),
        ("acl", "ACL keywords"),
        ("cfg", "configuration keywords"),
        ("cnv", "sample converter keywords"),
        ("smp", "sample fetch functions"),
    ]

    /// The text for a comma-separated list of classes; unknown classes print nothing, as in HAProxy.
    static func text(for list: String) -> String {
        var output = ""
        for name in list.split(separator: ",").map(String.init) {
            switch name {
            case "help":
                output += "# List of supported keyword classes:\n"
                output += classes.map { "\($0.name): \($0.summary)\n" }.joined()
            case "all":
                output += ["acl", "cfg", "cnv", "smp"].map { text(for: $0) }.joined()
            case "acl":
                output += "# List of registered ACL keywords:\n" + lines(SampleKeywords.standard.criteria)
            case "cnv":
                output += "# List of registered sample converter functions:\n" + lines(SampleKeywords.standard.converters)
            case "smp":
                output += "# List of registered sample fetch functions:\n" + lines(SampleKeywords.standard.fetches)
            case "cfg":
                output += "# List of registered configuration keywords:\n" + configurationKeywords()
            default:
                continue
            }
        }
        return output
    }

    private static func lines(_ names: Set<String>) -> String {
        names.sorted().map { $0 + "\n" }.joined()
    }

    private static func configurationKeywords() -> String {
        let registry = KeywordRegistry.standard
        return registry.sections.keys.sorted().map { section in
            let names = Set(registry.keywords.values.filter { $0.sections.contains(section) }.map(\.name))
            return section + "\n" + names.sorted().map { "\t" + $0 + "\n" }.joined()
        }.joined()
    }
}
