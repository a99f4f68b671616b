import ConfigDiagnostics

/// A rule of the catalog: anything with a description.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
}

/// A rule the parsers report while reading; its type only documents it.
public protocol SyntaxRule: Rule {}

/// A rule that judges one HAProxy configuration.
public protocol HAProxyRule: Rule {
    init()
    func check(_ context: HAProxyCheckContext, _ findings: inout Findings)
}

/// A rule that judges one keepalived.conf.
public protocol KeepalivedRule: Rule {
    init()
    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings)
}

/// A rule that judges what one node runs: its HAProxy and Keepalived
/// configurations together.
public protocol NodeRule: Rule {
    init()
    func check(_ node: NodeCheckContext, _ findings: inout Findings)
}

/// A rule that judges several nodes together (a Keepalived pair).
public protocol PairRule: Rule {
    init()
    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings)
}
