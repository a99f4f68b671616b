import ConfigGrammar

/// The HAProxy keyword tables of `Grammar/`, indexed for the parser and
/// the validator. `KeywordRegistry.standard` is built once from the
/// generated tables.
public struct KeywordRegistry: Sendable {
    public let sections: [String: SectionInfo]
    public let keywords: [String: KeywordInfo]
    public let bindOptions: [String: OptionInfo]
    public let serverOptions: [String: OptionInfo]
    /// Longest keyword, in words.
    public let maximumWords: Int
    /// Keywords grouped by their first word, longest first, for `lookup`.
    private let byFirstWord: [String: [(words: [String], info: KeywordInfo)]]
    /// The first words of the keywords allowed in each section, for "did you
    /// mean" suggestions (built once: an unknown keyword is common in bad input).
    private let firstWordsBySection: [String: Set<String>]

    public init(sectionsTSV: String, keywordsTSV: String, bindOptionsTSV: String, serverOptionsTSV: String) {
        var sections: [String: SectionInfo] = [:]
        for record in TSVTable(sectionsTSV).records {
            let keyword = record["section"] ?? ""
            sections[keyword] = SectionInfo(
                keyword: keyword, name: SectionInfo.NameRule(rawValue: record["name"] ?? "") ?? .optional,
                summary: record["summary"] ?? "")
        }
        var keywords: [String: KeywordInfo] = [:]
        for record in TSVTable(keywordsTSV).records {
            let name = record["keyword"] ?? ""
            keywords[name] = KeywordInfo(
                name: name, wordCount: name.split(separator: " ").count,
                sections: Self.list(record["sections"]), ignoredIn: Self.list(record["ignored"]),
                signature: ArgumentSignature(record["args"] ?? "*"), since: record["since"] ?? "",
                summary: record["summary"] ?? "")
        }
        self.sections = sections
        self.keywords = keywords
        self.bindOptions = Self.options(bindOptionsTSV)
        self.serverOptions = Self.options(serverOptionsTSV)
        self.maximumWords = keywords.values.map(\.wordCount).max() ?? 1
        var byFirstWord: [String: [(words: [String], info: KeywordInfo)]] = [:]
        for info in keywords.values {
            let words = info.name.split(separator: " ").map(String.init)
            byFirstWord[words[0], default: []].append((words, info))
        }
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        var firstWordsBySection: [String: Set<String>] = [:]
        for (first, entries) in byFirstWord {
            for section in entries.flatMap(\.info.sections) { firstWordsBySection[section, default: []].insert(first) }
        }
        self.firstWordsBySection = firstWordsBySection
    }

    private static func list(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { String($0).trimmed })
    }

    private static func options(_ tsv: String) -> [String: OptionInfo] {
        var options: [String: OptionInfo] = [:]
        for record in TSVTable(tsv).records {
            let name = record["option"] ?? ""
            options[name] = OptionInfo(
                name: name, signature: ArgumentSignature(record["args"] ?? ""), since: record["since"] ?? "",
                summary: record["summary"] ?? "")
        }
        return options
    }

    /// The tables generated from `Grammar/`.
    public static let standard = KeywordRegistry(
        sectionsTSV: haproxySectionsTSV, keywordsTSV: haproxyKeywordsTSV,
        bindOptionsTSV: haproxyBindOptionsTSV, serverOptionsTSV: haproxyServerOptionsTSV)

    /// The section keywords.
    public var sectionKeywords: Set<String> { Set(sections.keys) }

    /// The longest keyword matching the start of `words` (`timeout connect`
    /// before `timeout`), regardless of section.
    public func lookup(_ words: [String]) -> KeywordInfo? {
        guard let first = words.first, let candidates = byFirstWord[first] else { return nil }
        return candidates.first { candidate in
            candidate.words.count <= words.count && zip(candidate.words, words).allSatisfy { $0 == $1 }
        }?.info
    }

    /// `lookup` for a statement's words.
    public func lookup(_ words: [Word]) -> KeywordInfo? {
        guard let first = words.first, let candidates = byFirstWord[first.text] else { return nil }
        return candidates.first { candidate in
            candidate.words.count <= words.count && zip(candidate.words, words).allSatisfy { $0 == $1.text }
        }?.info
    }

    /// Known keywords that start with the given word (for `timeout` → its
    /// sub-keywords).
    public func keywords(startingWith first: String) -> [KeywordInfo] {
        (byFirstWord[first] ?? []).filter { $0.words.count > 1 }.map(\.info).sorted { $0.name < $1.name }
    }

    /// The first words of the keywords allowed in `section`.
    public func firstWords(in section: String) -> Set<String> {
        firstWordsBySection[section] ?? []
    }
}

extension String {
    var trimmed: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
