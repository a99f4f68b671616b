import ConfigDiagnostics
import HAProxyConfig

/// A place where a proxy names a stick table, or relies on its own.
struct TableReference: Sendable {
    /// The table named, or nil when the proxy's own table is meant.
    var name: String?
    /// Where the name is, or the keyword or fetch that implies the own table.
    var range: SourceRange
    /// What refers to it (`track-sc0`, `stick on`, `src_conn_cur`).
    var user: String

    /// Every table reference of a proxy: `track-scN`, `stick …` rules and table fetches.
    static func all(in proxy: Proxy) -> [TableReference] {
        var references: [TableReference] = []
        for track in ProxyTableUse.tracks(in: proxy, inherited: false) {
            references.append(TableReference(name: track.table?.name, range: track.table?.range ?? track.range,
                                             user: "track-sc\(track.counter)"))
        }
        for directive in proxy.directives where directive.keyword.hasPrefix("stick ") {
            if let index = directive.arguments.firstIndex(of: "table"), index + 1 < directive.arguments.count {
                references.append(TableReference(name: directive.arguments[index + 1],
                                                 range: directive.argumentRanges[index + 1], user: directive.keyword))
            } else if proxy.kind != .frontend {
                references.append(TableReference(name: nil, range: keywordRange(of: directive), user: directive.keyword))
            }
        }
        for directive in proxy.directives where directive.mayHoldExpressions {
            let skipsFirst = directive.keyword == "acl"
            for (index, word) in directive.arguments.enumerated() where !(skipsFirst && index == 0) {
                for fetch in TableFetch.scan(word, at: directive.argumentRanges[index])
                where fetch.counter == nil || fetch.table != nil {
                    references.append(TableReference(name: fetch.table, range: fetch.tableRange ?? fetch.range,
                                                     user: fetch.name))
                }
            }
        }
        return references
    }

    /// The range of a directive's keyword words: from the line's start to its first argument.
    static func keywordRange(of directive: Directive) -> SourceRange {
        var range = directive.range
        let length = directive.keyword.utf8.count
        range.end = range.start
        range.end.offset += length
        range.end.column += length
        return range
    }
}
