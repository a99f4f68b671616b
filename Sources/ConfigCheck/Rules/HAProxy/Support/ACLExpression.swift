import ConfigDiagnostics
import HAProxyConfig

/// One ACL test, named (`acl NAME criterion …`) or anonymous (`{ criterion … }`),
/// split into its criterion, flags and values.
struct ACLExpression {
    /// The fetch with its arguments and converters (`hdr(host)`, `path,lower`).
    var criterion: String
    var criterionRange: SourceRange
    /// The flags (`-i`, `-m`, `-f`…) as written, without their values.
    var flags: [String]
    /// The value of `-m`, if any.
    var matchMethod: String?
    /// Whether patterns also come from a file (`-f`).
    var readsFile: Bool
    /// The files named by `-f`, as written.
    var patternFiles: [(text: String, range: SourceRange)] = []
    /// The patterns written on the line.
    var values: [(text: String, range: SourceRange)]
    /// The name of a named ACL.
    var name: String?

    /// The fetch's name: the criterion before its arguments and converters.
    var fetch: String {
        let utf8 = criterion.utf8
        let end = utf8.firstIndex { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ",") } ?? utf8.endIndex
        return String(criterion[..<end])
    }

    /// The fetch's first argument (`host` in `hdr(host)`), if any.
    var fetchArgument: String? {
        guard let open = criterion.firstIndex(of: "("), let close = criterion[open...].firstIndex(of: ")") else { return nil }
        return String(criterion[criterion.index(after: open)..<close].prefix { $0 != "," })
    }

    /// The converters after the fetch (`lower` in `req.hdr(host),lower`).
    var converters: [String] {
        guard criterion.utf8.contains(UInt8(ascii: ",")) else { return [] }
        var depth = 0
        var names: [String] = []
        var current: String? = nil
        for character in criterion {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                if let current { names.append(current) }
                current = ""
            default:
                if depth == 0, current != nil { current!.append(character) }
            }
        }
        if let current { names.append(current) }
        return names
    }

    /// Whether the patterns are compared ignoring case.
    var ignoresCase: Bool { flags.contains("-i") }

    /// Reads `criterion [flags] [--] [values]`.
    init?(_ words: [(text: String, range: SourceRange)], name: String?) {
        guard let first = words.first else { return nil }
        criterion = first.text
        criterionRange = first.range
        self.name = name
        flags = []
        readsFile = false
        values = []
        var index = 1
        while index < words.count, words[index].text.hasPrefix("-"), words[index].text.count > 1 {
            let flag = words[index].text
            index += 1
            if flag == "--" { break }
            flags.append(flag)
            // `-f FILE`, `-m METHOD` and `-u ID` take a value; `-i`, `-n`, `-M` do not.
            if ["-f", "-m", "-u"].contains(flag), index < words.count {
                if flag == "-m" { matchMethod = words[index].text }
                if flag == "-f" { readsFile = true; patternFiles.append(words[index]) }
                index += 1
            }
        }
        values = Array(words[index...])
    }

    /// The ACL tests of a proxy whose criterion passes `accepts` (a cheap test
    /// on the text, so that the rest are not parsed): its `acl` lines, then the
    /// anonymous ACLs of its conditions.
    static func all(in proxy: Proxy, of context: HAProxyCheckContext, criterion accepts: (String) -> Bool) -> [ACLExpression] {
        var result = proxy.acls.compactMap { acl -> ACLExpression? in
            guard accepts(acl.criterion) else { return nil }
            return ACLExpression([(acl.criterion, acl.criterionRange)] + zip(acl.arguments, acl.argumentRanges).map { ($0, $1) },
                                 name: acl.name)
        }
        for use in context.conditions(of: proxy) {
            result += use.anonymous.compactMap { words in
                guard let first = words.first, accepts(first.text) else { return nil }
                return ACLExpression(words, name: nil)
            }
        }
        return result
    }

    /// Whether a criterion's text may test a header (`hdr(host)`, `req.hdr_end(x)`).
    static func mayTestHeader(_ criterion: String) -> Bool { criterion.containsBytes("hdr") }
}
