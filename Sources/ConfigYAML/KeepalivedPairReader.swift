import ConfigDiagnostics
import KeepalivedConfig
import Yams

/// Turns the `keepalived:` and `nodes:` parts of a site YAML into one
/// keepalived.conf per node. Shared settings (VRID, VIPs, authentication,
/// advert_int, track scripts) are written once in `keepalived.instances`;
/// each node gives what differs (`state`, `priority`, `interface`, and its
/// `address` for unicast). With `unicast: true` on an instance, each node
/// gets `unicast_src_ip` (its own address) and `unicast_peer` (the others').
/// Keys are Keepalived keywords, with the same value rules as the HAProxy
/// part (scalars, `true` flags, lists, nested maps for blocks).
public struct KeepalivedPairReader: Sendable {
    public init() {}

    /// The configuration of every node, by node name (in YAML order).
    public func read(_ file: SourceFile) -> (nodes: [(name: String, text: String)], diagnostics: [Diagnostic]) {
        switch SiteDocument.compose(file) {
        case .success(let root): return read(root, in: file)
        case .failure(let diagnostic): return ([], [diagnostic])
        }
    }

    /// Reads an already composed document.
    public func read(_ document: Node, in file: SourceFile) -> (nodes: [(name: String, text: String)], diagnostics: [Diagnostic]) {
        let emitter = Emitter(file: file)
        let root: Node? = document
        guard let keepalived = root?["keepalived"] else { return ([], []) }
        guard case .mapping(let nodeMap)? = root?["nodes"] else {
            return ([], [emitter.diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a mapping of nodes", for: "nodes"),
                                            root?["nodes"] ?? keepalived)])
        }
        var shape = KeepalivedShape(emitter: emitter)
        shape.check(keepalived: keepalived, nodes: root?["nodes"])
        if !shape.diagnostics.isEmpty { return ([], shape.diagnostics) }
        let nodes = nodeMap.map { (name: $0.key.string ?? "", settings: $0.value) }
        var result: [(String, String)] = []
        for node in nodes {
            var writer = BlockWriter()
            if let global = keepalived["global_defs"] { writer.block("global_defs", [], global) }
            if case .mapping(let scripts)? = keepalived["vrrp_scripts"] {
                for (name, body) in scripts { writer.block("vrrp_script", [name.string ?? ""], body) }
            }
            if case .mapping(let instances)? = keepalived["instances"] {
                for (nameNode, shared) in instances {
                    let name = nameNode.string ?? ""
                    let own = node.settings["keepalived"]?[name]
                    writer.block("vrrp_instance", [name], merged(shared, own, node: node, all: nodes))
                }
            }
            if case .sequence(let blocks)? = keepalived["blocks"] {
                for block in blocks {
                    guard case .mapping(let entry) = block else { continue }
                    for (key, value) in entry { writer.topLevel(key.string ?? "", value) }
                }
            }
            if let node = writer.unwritable.first {
                let byte = (Emitter.text(node) ?? "").utf8.first { $0 == 0x0A || $0 == 0x0D || $0 == 0 } ?? 0x0A
                return ([], [emitter.diagnostic(.yamlValueUnwritable, YAMLMessage.unwritable(byte), node)])
            }
            guard !writer.lines.isEmpty else {
                return ([], [emitter.diagnostic(.yamlUnexpectedType, YAMLMessage.nothingToWrite, keepalived)])
            }
            result.append((node.name, writer.lines.joined(separator: "\n") + "\n"))
        }
        return (result, [])
    }

    /// The instance's shared keys, then the node's own, then unicast settings.
    private func merged(_ shared: Node, _ own: Node?, node: (name: String, settings: Node),
                        all: [(name: String, settings: Node)]) -> Node {
        var pairs: [(Node, Node)] = []
        var unicast = false
        if case .mapping(let mapping) = shared {
            for (key, value) in mapping {
                if key.string == "unicast" { unicast = Emitter.flag(value) == true; continue }
                pairs.append((key, value))
            }
        }
        if case .mapping(let mapping)? = own { pairs += mapping.map { ($0.key, $0.value) } }
        if unicast, let address = node.settings["address"] {
            pairs.append((Node("unicast_src_ip"), address))
            let peers = all.filter { $0.name != node.name }.compactMap { $0.settings["address"] }
            pairs.append((Node("unicast_peer"), Node(peers)))
        }
        return Node(pairs)
    }
}

/// Writes Keepalived blocks from YAML nodes.
struct BlockWriter {
    var lines: [String] = []
    /// Values (or keys) holding a line break or NUL, which would end a keepalived.conf line: nothing is written for them.
    var unwritable: [Node] = []
    /// Keywords whose list values form a block of value lines, from the grammar.
    static let valueBlocks = KeepalivedKeywordTable.standard.valueBlockKeywords

    /// The text with each `#` and `!` outside double quotes escaped: Keepalived
    /// starts a comment at either and would silently drop the rest of the value.
    static func escapingComments(_ text: String) -> String {
        guard text.contains(where: { $0 == "#" || $0 == "!" }) else { return text }
        var result = ""
        var quoted = false, escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, character == "#" || character == "!" {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }

    static func breaksLine(_ text: String) -> Bool { text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 } }

    mutating func block(_ keyword: String, _ arguments: [String], _ body: Node, depth: Int = 0) {
        if Self.breaksLine(keyword) || arguments.contains(where: Self.breaksLine) {
            unwritable.append(body)
            return
        }
        let indent = String(repeating: "    ", count: depth)
        if !lines.isEmpty, depth == 0 { lines.append("") }
        lines.append(indent + Self.escapingComments(([keyword] + arguments).joined(separator: " ")) + " {")
        if case .mapping(let mapping) = body {
            for (keyNode, value) in mapping { entry(keyNode.string ?? "", value, depth: depth + 1) }
        }
        lines.append(indent + "}")
    }

    /// A top-level block (`virtual_server 10.0.0.1 80: {…}`) or line.
    mutating func topLevel(_ key: String, _ value: Node) {
        if case .mapping = value {
            block(key, [], value)
        } else {
            if !lines.isEmpty { lines.append("") }
            entry(key, value, depth: 0)
        }
    }

    mutating func entry(_ key: String, _ value: Node, depth: Int) {
        let indent = String(repeating: "    ", count: depth)
        if Self.breaksLine(key) || Emitter.text(value).map(Self.breaksLine) == true {
            unwritable.append(value)
            return
        }
        switch value {
        case .mapping:
            block(key, [], value, depth: depth)
        case .sequence(let items) where Self.valueBlocks.contains(String(key.prefix { $0 != " " })):
            lines.append(indent + Self.escapingComments(key) + " {")
            for item in items {
                let text = item.string ?? ""
                if Self.breaksLine(text) { unwritable.append(item) } else { lines.append(indent + "    " + Self.escapingComments(text)) }
            }
            lines.append(indent + "}")
        case .sequence(let items):
            for item in items { entry(key, item, depth: depth) }
        case .scalar(let scalar):
            if let flag = Emitter.flag(value) {
                if flag { lines.append(indent + Self.escapingComments(key)) }
            } else {
                let text = scalar.string
                // A script line is one word for Keepalived only when quoted.
                let isScript = key == "script" || key == "misc_path" || key.hasPrefix("notify")
                let quoted = isScript && text.contains(" ") && !text.hasPrefix("\"") ? "\"" + text + "\"" : text
                lines.append(indent + Self.escapingComments(key + " " + quoted))
            }
        }
    }
}
