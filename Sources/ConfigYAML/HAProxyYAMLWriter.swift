import ConfigDiagnostics
import HAProxyConfig
import Yams

/// Turns a parsed haproxy.cfg into the site YAML that `HAProxyYAMLReader`
/// reads back. Lines are grouped by keyword in the order keywords first
/// appear (rules of one keyword keep their order; `acl` lines come first,
/// since rules may only use ACLs declared before them); `timeout` and `option`
/// become mappings, `server` lines a list of maps when every one of them
/// fits. Words are kept as written, quotes included. Comments and lines in
/// `.if` branches that are not taken are not carried over.
public struct HAProxyYAMLWriter: Sendable {
    public let registry: KeywordRegistry

    public init(registry: KeywordRegistry = .standard) {
        self.registry = registry
    }

    public func write(_ syntax: ConfigSyntax) throws -> String {
        // Sections keep their meaning only in their order (a defaults section
        // applies to the proxies after it): group them by kind only when
        // grouping moves nothing, else list them all in order under `sections`.
        let keys = syntax.sections.map { Self.listKey(of: $0.kind) }
        var firstSeen: [String] = []
        for key in keys where firstSeen.last != key {
            if firstSeen.contains(key) {
                firstSeen = []
                break
            }
            firstSeen.append(key)
        }
        let grouped = (!firstSeen.isEmpty || keys.isEmpty) && keys.filter({ $0 == "global" }).count <= 1
        var top: [(String, [Node])] = []
        for section in syntax.sections {
            let body = self.body(section, syntax.files[section.header.file], typed: !grouped)
            let key = grouped ? Self.listKey(of: section.kind) : "sections"
            if let index = top.firstIndex(where: { $0.0 == key }) { top[index].1.append(body) } else { top.append((key, [body])) }
        }
        let pairs = top.map { key, entries in (Self.scalar(key), key == "global" ? entries[0] : Node(entries)) }
        return try Yams.serialize(node: Node(pairs), width: -1)
    }

    /// The top-level YAML key a section kind is listed under.
    static func listKey(of kind: String) -> String {
        if kind == "global" { return "global" }
        return HAProxyYAMLReader.proxyLists.first { $0.section == kind }?.key ?? "sections"
    }

    /// `true`, for flags.
    static var trueNode: Node { Node("true", Tag(.bool)) }

    /// A YAML scalar that reads back as the same words.
    static func scalar(_ text: String) -> Node {
        let plainIsRisky = ["true", "false", "yes", "no", "on", "off", "null", "~", ""].contains(text.lowercased())
        // An explicit tag spares Yams resolving it with regular expressions.
        return Node(text, Tag(.str), plainIsRisky ? .doubleQuoted : .any)
    }

    private func raw(_ word: Word, _ file: SyntaxFile) -> String {
        String(decoding: file.source.bytes[word.start..<word.end], as: UTF8.self)
    }

    private func body(_ section: SyntaxSection, _ file: SyntaxFile, typed: Bool) -> Node {
        var pairs: [(Node, Node)] = []
        let header = section.header.words
        if typed || Self.listKey(of: section.kind) == "sections" {
            pairs.append((Self.scalar("type"), Node(section.kind)))
        }
        if header.count > 1, header[1].text != "from" { pairs.append((Self.scalar("name"), Self.scalar(raw(header[1], file)))) }
        if let from = header.firstIndex(where: { $0.text == "from" }), from + 1 < header.count {
            pairs.append((Self.scalar("from"), Self.scalar(raw(header[from + 1], file))))
        }
        var groups: [(key: String, lines: [[String]])] = []
        for statement in section.statements {
            var key = statement.words[0].text
            if let modifier = statement.modifier { key = modifier.rawValue + " " + key }
            let rest = statement.words.dropFirst().map { raw($0, file) }
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].lines.append(rest)
            } else {
                groups.append((key, [rest]))
            }
        }
        // ACLs must be declared before the rules that use them; declaring
        // them first is always safe.
        if let acl = groups.firstIndex(where: { $0.key == "acl" }) { groups.insert(groups.remove(at: acl), at: 0) }
        for group in groups {
            if group.key == "server", let servers = serverMaps(group.lines) {
                pairs.append((Self.scalar("servers"), Node(servers)))
            } else if group.key == "timeout" || group.key == "option", let mapping = subMapping(group) {
                pairs.append((Self.scalar(group.key), mapping))
            } else {
                let values = group.lines.map { $0.isEmpty ? Self.trueNode : Self.scalar($0.joined(separator: " ")) }
                pairs.append((Self.scalar(group.key), values.count == 1 ? values[0] : Node(values)))
            }
        }
        return Node(pairs)
    }

    /// `timeout connect 5s` → `{connect: 5s}`; nil when a sub-keyword repeats.
    private func subMapping(_ group: (key: String, lines: [[String]])) -> Node? {
        var seen: Set<String> = []
        var pairs: [(Node, Node)] = []
        for line in group.lines {
            guard let sub = line.first, seen.insert(sub).inserted else { return nil }
            let rest = line.dropFirst().joined(separator: " ")
            pairs.append((Self.scalar(sub), rest.isEmpty ? Self.trueNode : Self.scalar(rest)))
        }
        return Node(pairs)
    }

    /// Server lines as maps, or nil when one does not fit (an option given
    /// twice, an unknown option, a missing address).
    private func serverMaps(_ lines: [[String]]) -> [Node]? {
        var servers: [Node] = []
        for line in lines {
            guard line.count >= 2 else { return nil }
            var pairs: [(Node, Node)] = [(Self.scalar("name"), Self.scalar(line[0])), (Self.scalar("address"), Self.scalar(line[1]))]
            var seen: Set<String> = ["name", "address"]
            var index = 2
            while index < line.count {
                let name = line[index]
                guard let option = registry.serverOptions[name], seen.insert(name).inserted,
                      !name.hasPrefix("no-") else { return nil }
                let arity = option.signature.elements.count
                guard arity <= 1, index + arity < line.count || arity == 0 else { return nil }
                pairs.append((Self.scalar(name), arity == 0 ? Self.trueNode : Self.scalar(line[index + 1])))
                index += 1 + arity
            }
            servers.append(Node(pairs))
        }
        return servers
    }
}
