import ConfigDiagnostics

/// Every rule weir knows, from the generated registry.
public enum RuleCatalog {
    /// Every rule type, in registry order.
    static var types: [any Rule.Type] {
        RuleRegistry.syntax as [any Rule.Type] + RuleRegistry.haproxy + RuleRegistry.keepalived + RuleRegistry.node
            + RuleRegistry.pair
    }

    /// Every rule's description, sorted by domain then id.
    public static let all: [RuleDescription] = types.map { $0.description }.sorted {
        (RuleDomain.allCases.firstIndex(of: $0.domain)!, $0.id) < (RuleDomain.allCases.firstIndex(of: $1.domain)!, $1.id)
    }

    /// The description of a rule id.
    public static func description(of id: RuleID) -> RuleDescription? { all.first { $0.id == id } }

    /// The type name a rule id must have (`acl-undefined` → `ACLUndefined`), given the acronyms weir keeps upper-case.
    public static func typeName(for id: RuleID) -> String {
        id.rawValue.split(separator: "-").map { part in
            let word = String(part)
            if let spelled = spellings[word] { return spelled }
            return acronyms.contains(word) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }

    static let spellings = ["haproxy": "HAProxy", "keepalived": "Keepalived"]

    static let acronyms: Set<String> = [
        "acl", "acls", "tls", "ssl", "vrrp", "vrid", "vip", "vips", "http", "tcp", "ip", "yaml", "nul", "url", "uri",
        "sni", "crt", "sc", "id", "fd", "dns", "ah", "cpu",
    ]
}
