import HAProxyConfig

/// The words a configuration uses: the keyword of every line and the name
/// of every bind, server and default-server option. Rules about a feature
/// ask it first and skip their walk over every proxy and server when the
/// feature is not used at all, which is the common case for most rules.
struct ConfigurationVocabulary: Sendable {
    private var keywords: Set<String> = []
    private var optionNames: Set<String> = []

    init(_ configuration: HAProxyConfiguration, proxies: [Proxy]) {
        var keywords = RecentWords()
        var optionNames = RecentWords()
        HAProxyCheckContext.forEachDirective(in: configuration, proxies: proxies) { keywords.insert($0.keyword) }
        HAProxyCheckContext.forEachEndpointOption(of: proxies) { option, _ in optionNames.insert(option.name) }
        self.keywords = keywords.all
        self.optionNames = optionNames.all
    }

    /// A set that first compares a word with the last few distinct ones it
    /// was given: lines repeat the same handful of words (`server … check
    /// inter rise fall`), and a comparison costs less than hashing.
    private struct RecentWords {
        private(set) var all: Set<String> = []
        private var recent: [String] = []
        private var next = 0

        mutating func insert(_ word: String) {
            guard !recent.contains(word) else { return }
            all.insert(word)
            if recent.count < 8 {
                recent.append(word)
            } else {
                recent[next] = word
                next = (next + 1) % recent.count
            }
        }
    }

    /// Whether some line has this keyword (`option external-check`, `stick-table`).
    func uses(keyword: String) -> Bool { keywords.contains(keyword) }

    /// Whether some bind, server or default-server line has an option of this name (`ssl`, `crt`, `resolvers`).
    func uses(option name: String) -> Bool { optionNames.contains(name) }

    /// Whether some bind, server or default-server line has an option of one of these names.
    func uses(anyOption names: Set<String>) -> Bool { !optionNames.isDisjoint(with: names) }
}
