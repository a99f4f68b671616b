import KeepalivedConfig
import Yams

/// Turns a parsed keepalived.conf into the `keepalived:` and `nodes:` parts
/// of a site YAML with one node, which `KeepalivedPairReader` reads back:
/// `global_defs`, `vrrp_scripts` and `instances` as in a hand-written pair,
/// every other top-level block under `blocks` in order. A block becomes a
/// mapping (a child block's arguments stay in its key:
/// `real_server 10.0.0.2 80`), a keyword that repeats becomes a list, the
/// value blocks (`virtual_ipaddress`, `track_script`, …) lists of lines.
/// Includes are read, so the YAML holds the whole configuration;
/// comments are not carried over.
public struct KeepalivedYAMLWriter: Sendable {
    public init() {}

    /// The YAML text; the node is named after `router_id`, else `node`.
    public func write(_ syntax: KeepalivedSyntax) throws -> String {
        var globalDefs: Node?
        var scripts: [(Node, Node)] = []
        var instances: [(Node, Node)] = []
        var blocks: [Node] = []
        for node in syntax.nodes {
            let name = node.arguments.first?.text ?? ""
            switch node.keyword.text {
            case "global_defs" where globalDefs == nil: globalDefs = body(node)
            case "vrrp_script" where node.arguments.count == 1: scripts.append((scalar(name), body(node)))
            case "vrrp_instance" where node.arguments.count == 1: instances.append((scalar(name), body(node)))
            default: blocks.append(Node([(scalar(key(node)), value(node))]))
            }
        }
        var keepalived: [(Node, Node)] = []
        if let globalDefs { keepalived.append((scalar("global_defs"), globalDefs)) }
        if !scripts.isEmpty { keepalived.append((scalar("vrrp_scripts"), Node(scripts))) }
        if !instances.isEmpty { keepalived.append((scalar("instances"), Node(instances))) }
        if !blocks.isEmpty { keepalived.append((scalar("blocks"), Node(blocks))) }
        let routerID = syntax.nodes.first { $0.keyword.text == "global_defs" }?.value("router_id") ?? "node"
        let document = Node([
            (scalar("keepalived"), Node(keepalived)),
            (scalar("nodes"), Node([(scalar(routerID), Node([(Node, Node)]()))])),
        ])
        return try Yams.serialize(node: document, width: -1)
    }

    /// A child's key: its keyword, with its arguments when it opens a block.
    private func key(_ node: KeepalivedNode) -> String {
        node.children == nil ? node.keyword.text : ([node.keyword] + node.arguments).map(\.text).joined(separator: " ")
    }

    /// A line's value: a mapping for a block, its lines for a value block,
    /// its arguments as one scalar, or `true` for a bare keyword.
    private func value(_ node: KeepalivedNode) -> Node {
        if node.children != nil {
            guard BlockWriter.valueBlocks.contains(node.keyword.text) else { return body(node) }
            return Node((node.children ?? []).map { scalar(([$0.keyword] + $0.arguments).map(\.text).joined(separator: " ")) })
        }
        if node.arguments.isEmpty { return Node("true", Tag(.bool)) }
        return scalar(node.arguments.map(\.text).joined(separator: " "))
    }

    /// A block's children as a mapping; a key that repeats gathers its values in a list.
    private func body(_ node: KeepalivedNode) -> Node {
        var order: [String] = []
        var values: [String: [Node]] = [:]
        for child in node.children ?? [] {
            let key = key(child)
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(value(child))
        }
        return Node(order.map { key in
            let entries = values[key]!
            return (scalar(key), entries.count == 1 ? entries[0] : Node(entries))
        })
    }

    private func scalar(_ text: String) -> Node { HAProxyYAMLWriter.scalar(text) }
}
