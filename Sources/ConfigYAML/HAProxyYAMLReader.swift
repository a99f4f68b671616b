import ConfigDiagnostics
import Yams

/// Turns a site YAML (format in Man/weir-yaml.5) into haproxy.cfg text.
/// Keys are HAProxy keywords and their order is kept: a scalar value makes
/// one line `keyword value`, a list one line per item, `true` a bare
/// keyword, a mapping one line per entry (`timeout: {connect: 5s}` makes
/// `timeout connect 5s`), and `servers` is a list of maps. Errors point at
/// the YAML's own line and column.
public struct HAProxyYAMLReader: Sendable {
    static let proxyLists: [(key: String, section: String)] = [
        ("defaults", "defaults"), ("frontends", "frontend"), ("backends", "backend"), ("listens", "listen"),
        ("peers", "peers"), ("userlists", "userlist"), ("resolvers", "resolvers"),
    ]

    public init() {}

    public func read(_ file: SourceFile) -> (config: GeneratedConfig?, diagnostics: [Diagnostic]) {
        switch SiteDocument.compose(file) {
        case .success(let root): return read(root, in: file)
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
    }

    /// Reads an already composed document (so the Keepalived part can share it).
    public func read(_ root: Node, in file: SourceFile) -> (config: GeneratedConfig?, diagnostics: [Diagnostic]) {
        var emitter = Emitter(file: file)
        guard case .mapping(let mapping) = root else {
            return (nil, [emitter.diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a mapping", for: "the document"), root)])
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if key == "global" {
                emitter.section(header: "global", body: value, nameRequired: false)
            } else if let entry = Self.proxyLists.first(where: { $0.key == key }) {
                emitter.sections(entry.section, value, listKey: key)
            } else if key == "sections" {
                emitter.genericSections(value)
            } else if key == "keepalived" || key == "nodes" {
                continue
            } else {
                emitter.diagnostics.append(emitter.diagnostic(.yamlUnknownKey, YAMLMessage.unknownTopKey(key), keyNode))
            }
        }
        guard !emitter.lines.isEmpty else { return (nil, emitter.diagnostics) }
        return (GeneratedConfig(lines: emitter.lines, origins: emitter.origins),
                emitter.diagnostics)
    }
}
