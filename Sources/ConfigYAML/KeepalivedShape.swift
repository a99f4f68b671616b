import ConfigDiagnostics
import Yams

/// Checks the `keepalived:` and `nodes:` parts of a site YAML against the
/// shapes `Grammar/weir-yaml.schema.json` gives them, reporting each wrong
/// type and unknown key at its YAML line, so a mistake (`instances:` written
/// as a list like `frontends:`) is an error instead of an empty
/// keepalived.conf.
struct KeepalivedShape {
    let emitter: Emitter
    var diagnostics: [Diagnostic] = []

    init(emitter: Emitter) { self.emitter = emitter }

    static let keepalivedKeys = ["global_defs", "vrrp_scripts", "instances", "blocks"]
    static let nodeKeys = ["address", "keepalived", "haproxy"]

    mutating func check(keepalived: Node, nodes: Node?) {
        if let pairs = mapping(keepalived, "keepalived", expecting: "a mapping of global_defs, vrrp_scripts, instances and blocks") {
            for (keyNode, value) in pairs {
                let key = Emitter.text(keyNode) ?? ""
                switch key {
                case "global_defs": keywordMap(value, key)
                case "vrrp_scripts", "instances": namedBlocks(value, key)
                case "blocks": blocks(value)
                default: unknown(keyNode, key, allowed: Self.keepalivedKeys)
                }
            }
        }
        guard let nodes else { return }
        guard let nodePairs = mapping(nodes, "nodes", expecting: "a mapping of nodes by name") else { return }
        for (nameNode, settings) in nodePairs {
            let name = Emitter.text(nameNode) ?? ""
            guard let pairs = mapping(settings, "nodes.\(name)", expecting: "a mapping (address, keepalived, haproxy)") else { continue }
            for (keyNode, value) in pairs {
                let key = Emitter.text(keyNode) ?? ""
                switch key {
                case "address":
                    if case .scalar = value {} else { wrongType(value, "nodes.\(name).address", "an address") }
                case "keepalived": namedBlocks(value, "nodes.\(name).keepalived")
                case "haproxy": _ = mapping(value, "nodes.\(name).haproxy", expecting: "a mapping of HAProxy sections")
                default: unknown(keyNode, key, allowed: Self.nodeKeys)
                }
            }
        }
    }

    /// `NAME: {keyword: value, …}` for each entry.
    private mutating func namedBlocks(_ node: Node, _ key: String) {
        guard let pairs = mapping(node, key, expecting: "a mapping of names to settings") else { return }
        for (nameNode, body) in pairs { keywordMap(body, key + "." + (Emitter.text(nameNode) ?? "")) }
    }

    /// `{keyword: value, …}`, each value a scalar, a list or a mapping.
    private mutating func keywordMap(_ node: Node, _ key: String) {
        _ = mapping(node, key, expecting: "a mapping of Keepalived keywords")
    }

    /// `[ {"keyword arguments": body}, … ]`, one key per item.
    private mutating func blocks(_ node: Node) {
        guard case .sequence(let items) = node else {
            wrongType(node, "blocks", "a list of one-key mappings ('keyword arguments': body)")
            return
        }
        for item in items {
            guard case .mapping(let pairs) = item, pairs.count == 1 else {
                wrongType(item, "blocks", "one-key mappings ('keyword arguments': body)")
                continue
            }
        }
    }

    private mutating func mapping(_ node: Node, _ key: String, expecting what: String) -> Node.Mapping? {
        guard case .mapping(let pairs) = node else {
            wrongType(node, key, what)
            return nil
        }
        return pairs
    }

    private mutating func wrongType(_ node: Node, _ key: String, _ what: String) {
        diagnostics.append(emitter.diagnostic(.yamlUnexpectedType, YAMLMessage.expected(what, for: key), node))
    }

    private mutating func unknown(_ keyNode: Node, _ key: String, allowed: [String]) {
        diagnostics.append(emitter.diagnostic(.yamlUnknownKey, YAMLMessage.unknownKey(key, allowed: allowed), keyNode))
    }
}
