import ConfigDiagnostics

/// Which inputs a rule reads.
public enum RuleDomain: String, Sendable, CaseIterable {
    /// Reported while reading haproxy.cfg (lexer, parser, keyword tables).
    case haproxySyntax = "haproxy-syntax"
    /// Reported while reading keepalived.conf.
    case keepalivedSyntax = "keepalived-syntax"
    /// Reported while reading weir's YAML.
    case yaml
    /// Reported while reading or writing files.
    case io
    /// Judges one HAProxy configuration.
    case haproxy
    /// Judges one keepalived.conf.
    case keepalived
    /// Judges the HAProxy and Keepalived configuration of one node together.
    case node
    /// Judges the configurations of several nodes together.
    case pair
    /// Reported by `weir compile` when a checked configuration cannot become a runtime plan.
    case plan

    /// A title for documentation.
    public var title: String {
        switch self {
        case .haproxySyntax: "HAProxy syntax"
        case .keepalivedSyntax: "Keepalived syntax"
        case .yaml: "YAML"
        case .io: "Files"
        case .haproxy: "HAProxy"
        case .keepalived: "Keepalived"
        case .node: "One node (HAProxy with Keepalived)"
        case .pair: "Across nodes"
        case .plan: "Runtime plan (weir compile, weir run)"
        }
    }
}

/// One file of a rule example, named by its path inside the example.
public struct ExampleFile: Sendable, Hashable {
    /// A relative path; a first directory names the node (`a/haproxy.cfg`).
    public var path: String
    /// The text, with `↓` before each place where the rule must report.
    public var text: String

    public init(_ path: String, _ text: String) {
        self.path = path
        self.text = text
    }
}

/// A configuration that shows a rule: one or more files.
public struct RuleExample: Sendable, Hashable {
    public var files: [ExampleFile]

    public init(files: [ExampleFile]) { self.files = files }

    /// A single haproxy.cfg.
    public static func haproxy(_ text: String) -> RuleExample { RuleExample(files: [ExampleFile("haproxy.cfg", text)]) }

    /// A single keepalived.conf.
    public static func keepalived(_ text: String) -> RuleExample {
        RuleExample(files: [ExampleFile("keepalived.conf", text)])
    }

    /// A site description in weir's YAML format.
    public static func yaml(_ text: String) -> RuleExample { RuleExample(files: [ExampleFile("site.yaml", text)]) }

    /// One node: a haproxy.cfg and a keepalived.conf read together.
    public static func node(haproxy: String, keepalived: String) -> RuleExample {
        RuleExample(files: [ExampleFile("haproxy.cfg", haproxy), ExampleFile("keepalived.conf", keepalived)])
    }

    /// Two nodes, `a` and `b`, each with its haproxy.cfg and keepalived.conf.
    public static func pair(a: (haproxy: String, keepalived: String), b: (haproxy: String, keepalived: String)) -> RuleExample {
        RuleExample(files: [
            ExampleFile("a/haproxy.cfg", a.haproxy), ExampleFile("a/keepalived.conf", a.keepalived),
            ExampleFile("b/haproxy.cfg", b.haproxy), ExampleFile("b/keepalived.conf", b.keepalived),
        ])
    }
}

/// Everything a rule says about itself: the single source of its id,
/// severity, documentation and examples. `weir explain`, Man/weir-rules.7
/// and the rule's tests all read it.
public struct RuleDescription: Sendable {
    public let id: RuleID
    public let severity: Severity
    public let domain: RuleDomain
    /// One line: what the rule reports.
    public let summary: String
    /// Why it matters, and what HAProxy or Keepalived does with it.
    public let rationale: String
    /// How to fix it, when there is a general answer.
    public let fix: String?
    /// Configurations the rule reports, with `↓` where it reports.
    public let triggering: [RuleExample]
    /// Configurations the rule accepts.
    public let nonTriggering: [RuleExample]
    /// Whether the rule runs unless disabled; an opt-in rule needs `--enable`.
    public let enabledByDefault: Bool

    public init(id: String, severity: Severity, domain: RuleDomain, summary: String, rationale: String,
                fix: String? = nil, enabledByDefault: Bool = true, triggering: [RuleExample],
                nonTriggering: [RuleExample]) {
        self.id = RuleID(id)
        self.severity = severity
        self.domain = domain
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.enabledByDefault = enabledByDefault
    }
}
