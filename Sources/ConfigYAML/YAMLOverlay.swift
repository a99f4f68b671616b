import Yams

/// Lays one YAML document over another, for a node's `haproxy:` settings
/// over the shared site: mappings merge key by key (the overlay's value
/// wins, new keys come last), lists of named entries (`frontends`,
/// `backends`, `servers`, …) merge entry by entry on `name`, and any other
/// value is replaced.
public enum YAMLOverlay {
    public static func apply(_ overlay: Node, to base: Node) -> Node {
        switch (base, overlay) {
        case (.mapping(let baseMapping), .mapping(let overlayMapping)):
            var pairs: [(Node, Node)] = baseMapping.map { key, value in
                (key, overlayMapping[key].map { apply($0, to: value) } ?? value)
            }
            pairs += overlayMapping.filter { baseMapping[$0.key] == nil }.map { ($0.key, $0.value) }
            return Node(pairs, base.tag, baseMapping.style)
        case (.sequence(let baseItems), .sequence(let overlayItems))
            where (baseItems + overlayItems).allSatisfy({ $0["name"]?.string != nil }):
            var items = baseItems.map { item in
                overlayItems.first { $0["name"]?.string == item["name"]?.string }.map { apply($0, to: item) } ?? item
            }
            items += overlayItems.filter { item in !baseItems.contains { $0["name"]?.string == item["name"]?.string } }
            return Node(items, base.tag, .block)
        default:
            return overlay
        }
    }
}

/// The per-node haproxy.cfg documents of a site YAML: when any node under
/// `nodes:` has `haproxy:` settings, each node gets the shared document with
/// its own settings laid over it.
public enum NodeDocuments {
    /// Each node's document, in YAML order, or nil when every node shares the document.
    public static func split(_ root: Node) -> [(name: String, document: Node)]? {
        guard case .mapping(let nodes)? = root["nodes"], nodes.contains(where: { $0.value["haproxy"] != nil }) else {
            return nil
        }
        return nodes.map { key, value in
            (key.string ?? "", value["haproxy"].map { YAMLOverlay.apply($0, to: root) } ?? root)
        }
    }
}
