import ConfigGrammar

/// A directive HAProxy 2.6 refuses with a message of its own that names the
/// replacement (`contimeout`, `reqadd`, `nbproc`…), from
/// `Grammar/haproxy-removed-keywords.tsv`.
public struct RemovedKeyword: Sendable, Hashable {
    /// How the fix-it rewrites a line.
    public enum Fix: String, Sendable, Hashable {
        /// No automatic rewrite: the replacement takes other arguments.
        case none = ""
        /// The keyword is replaced, the arguments stay (`contimeout 5s` → `timeout connect 5s`).
        case keyword
        /// `reqadd "Name: value"` → `http-request add-header Name value`.
        case header
    }

    /// One word, or two for an option (`option forceclose`).
    public var keyword: String
    public var sections: Set<String>
    /// The HAProxy version that stopped accepting it.
    public var removed: String
    /// What HAProxy says to use instead, or empty.
    public var replacement: String
    public var fix: Fix
    /// HAProxy 2.6's own message.
    public var message: String

    /// The table generated from `Grammar/haproxy-removed-keywords.tsv`, by keyword.
    public static let standard: [String: RemovedKeyword] = {
        var table: [String: RemovedKeyword] = [:]
        for record in TSVTable(haproxyRemovedKeywordsTSV).records {
            let keyword = record["keyword"] ?? ""
            table[keyword] = RemovedKeyword(
                keyword: keyword, sections: Set((record["sections"] ?? "").split(separator: ",").map(String.init)),
                removed: record["removed"] ?? "", replacement: record["replacement"] ?? "",
                fix: Fix(rawValue: record["fix"] ?? "") ?? .none, message: record["message"] ?? "")
        }
        return table
    }()

    /// The removed directive a statement starts with in a section, if any.
    static func matching(_ words: [Word], in section: String) -> RemovedKeyword? {
        let candidates = words.count > 1 ? [words[0].text + " " + words[1].text, words[0].text] : [words[0].text]
        return candidates.lazy.compactMap { standard[$0] }.first { $0.sections.contains(section) }
    }
}
