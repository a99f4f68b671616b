import ConfigDiagnostics
import Foundation
import HAProxyConfig
import KeepalivedConfig

/// The files one node runs.
public struct LintNode: Sendable {
    /// The name given with `--node NAME=…`, or nil.
    public var name: String?
    /// haproxy.cfg files, read in order as one configuration.
    public var haproxy: [SourceFile]
    /// keepalived.conf files, each a configuration of its own.
    public var keepalived: [SourceFile]

    public init(name: String? = nil, haproxy: [SourceFile] = [], keepalived: [SourceFile] = []) {
        self.name = name
        self.haproxy = haproxy
        self.keepalived = keepalived
    }
}

/// What a lint run found, and every file it read (includes too).
public struct LintResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    /// What reading each node's HAProxy configuration gave, in node order (nodes without one are skipped).
    public var haproxy: [HAProxyParseResult]
    /// What each node's rules read (its configurations and the facts they share), in node order.
    public var nodes: [NodeCheckContext]
}

/// Reads and checks the configurations of one or more nodes: the parsers'
/// findings, every enabled rule of the catalog, then the options and the
/// `# weir:disable` comments.
public struct Linter: Sendable {
    public var variables: VariableResolver
    public var configID: String?
    public var options: CheckOptions
    public var environment: CheckEnvironment

    public init(variables: VariableResolver = VariableResolver(), configID: String? = nil,
                options: CheckOptions = CheckOptions(), environment: CheckEnvironment = CheckEnvironment()) {
        self.variables = variables
        self.configID = configID
        self.options = options
        self.environment = environment
    }

    public func lint(_ nodes: [LintNode]) -> LintResult {
        // Nodes are read and checked side by side; their results come back in node order.
        let slots = ConcurrentSlots<NodeOutcome>(count: nodes.count)
        DispatchQueue.concurrentPerform(iterations: nodes.count) { index in
            slots.store(check(nodes[index]), at: index)
        }
        let outcomes = slots.values
        var diagnostics = outcomes.flatMap(\.diagnostics)
        var sources: [String: SourceFile] = [:]
        var spans: [String: [Suppressions.Span]] = [:]
        for outcome in outcomes {
            sources.merge(outcome.sources) { $1 }
            spans.merge(outcome.spans) { $0 + $1 }
        }
        let contexts = outcomes.map(\.context)
        if contexts.count > 1 {
            diagnostics += run(RuleRegistry.pair.map { rule in (rule.description, { rule.init().check(contexts, &$0) }) })
        }
        if environment.targetVersion != .standard {
            diagnostics = TargetVersionFindings(target: environment.targetVersion).adjust(diagnostics)
        }
        var suppressions = Suppressions()
        for (path, fileSpans) in spans.sorted(by: { $0.key < $1.key }) {
            if let file = sources[path] { suppressions.read(file, spans: fileSpans) }
        }
        let kept = suppressions.apply(to: options.apply(to: Self.unique(diagnostics.sortedForOutput())))
        return LintResult(diagnostics: kept, sources: sources, haproxy: outcomes.compactMap(\.haproxy), nodes: contexts)
    }

    /// What reading and checking one node gave.
    private struct NodeOutcome: Sendable {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var spans: [String: [Suppressions.Span]] = [:]
        var haproxy: HAProxyParseResult?
        var context: NodeCheckContext
    }

    /// Reads one node's files and runs the rules of one configuration and of one node.
    private func check(_ node: LintNode) -> NodeOutcome {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var spans: [String: [Suppressions.Span]] = [:]
        var haproxy: HAProxyCheckContext?
        var haproxyResult: HAProxyParseResult?
        if !node.haproxy.isEmpty {
            let result = HAProxyReader(variables: variables).read(node.haproxy)
            diagnostics += result.diagnostics
            // A named node is taken to be that host: its name is HAProxy's default local peer name.
            var nodeEnvironment = environment
            if let name = node.name { nodeEnvironment.hostName = name }
            let context = HAProxyCheckContext(configuration: result.configuration, syntax: result.syntax,
                                              environment: nodeEnvironment)
            diagnostics += run(RuleRegistry.haproxy.map { rule in (rule.description, { rule.init().check(context, &$0) }) },
                               sharedWork: context.sharedWork)
            if let refused = ZeroWarningRefused.check(result.configuration, diagnostics) { diagnostics.append(refused) }
            if SuppressionSpans.needed(result.syntax.files.map(\.source)) {
                spans.merge(SuppressionSpans.of(result.syntax)) { $0 + $1 }
            }
            haproxy = context
            haproxyResult = result
        }
        var keepalived: [KeepalivedCheckContext] = []
        for file in node.keepalived {
            let result = KeepalivedParser(configID: configID).parse(file)
            diagnostics += result.diagnostics
            let context = KeepalivedCheckContext(configuration: result.configuration, syntax: result.syntax,
                                                 environment: environment)
            diagnostics += run(RuleRegistry.keepalived.map { rule in (rule.description, { rule.init().check(context, &$0) }) })
            if SuppressionSpans.needed(result.syntax.files) {
                spans.merge(SuppressionSpans.of(result.syntax)) { $0 + $1 }
            }
            for included in result.syntax.files { sources[included.path] = included }
            keepalived.append(context)
        }
        for file in node.haproxy { sources[file.path] = file }
        let context = NodeCheckContext(name: node.name, haproxy: haproxy, keepalived: keepalived)
        diagnostics += run(RuleRegistry.node.map { rule in (rule.description, { rule.init().check(context, &$0) }) })
        return NodeOutcome(diagnostics: diagnostics, sources: sources, spans: spans, haproxy: haproxyResult, context: context)
    }

    /// Runs the enabled rules among `rules`, each given as its description and
    /// its check. Rules only read the configuration, so they run side by side
    /// on every core; their findings come back in rule order. When any rule
    /// runs, `sharedWork` (what the context shares between rules) runs first,
    /// side by side as well.
    private func run(_ rules: [(RuleDescription, @Sendable (inout Findings) -> Void)],
                     sharedWork: [@Sendable () -> Void] = []) -> [Diagnostic] {
        let enabled = rules.filter { options.isEnabled($0.0) }
        let prepared = enabled.isEmpty ? [] : sharedWork
        let results = ConcurrentSlots<[Diagnostic]>(count: enabled.count)
        DispatchQueue.concurrentPerform(iterations: prepared.count + enabled.count) { item in
            guard item >= prepared.count else { return prepared[item]() }
            let index = item - prepared.count
            var findings = Findings(enabled[index].0)
            enabled[index].1(&findings)
            results.store(findings.diagnostics, at: index)
        }
        return results.values.flatMap { $0 }
    }

    /// The same finding reported twice (a file given twice, a defaults
    /// checked through every proxy) is shown once. The diagnostics come
    /// sorted, so copies sit in the same run of findings at one place with
    /// one rule and message: only those runs are compared.
    private static func unique(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var result: [Diagnostic] = []
        result.reserveCapacity(sorted.count)
        var runStart = 0
        for diagnostic in sorted {
            if let last = result.last, !Self.samePlace(last, diagnostic) { runStart = result.count }
            if !result[runStart...].contains(diagnostic) { result.append(diagnostic) }
        }
        return result
    }

    /// Whether two diagnostics sort together: same file, offset, rule and message.
    private static func samePlace(_ first: Diagnostic, _ second: Diagnostic) -> Bool {
        first.range.start.offset == second.range.start.offset && first.rule == second.rule
            && first.message == second.message && first.range.isInSameFile(as: second.range)
    }
}
