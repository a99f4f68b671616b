import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan

/// What planning produced: the plan (nil when there were errors) and the diagnostics.
public struct PlanResult: Sendable {
    public var plan: RuntimePlan?
    public var diagnostics: [Diagnostic]

    public init(plan: RuntimePlan?, diagnostics: [Diagnostic]) {
        self.plan = plan
        self.diagnostics = diagnostics
    }
}

/// Turns a checked `HAProxyConfiguration` into a `RuntimePlan`: resolves
/// `defaults` inheritance, compiles ACLs and conditions, converts every
/// duration to milliseconds and enumerates servers. Reports what cannot be
/// compiled as diagnostics and lists what the engine does not run as
/// `unsupported` features.
public struct Planner: Sendable {
    /// Reads a pattern file named by `acl … -f FILE`; nil when unreadable.
    public typealias PatternFileReader = @Sendable (String) -> String?

    /// The configuration's files in reading order, so sections of several
    /// files are ordered as HAProxy reads them.
    public var fileOrder: [String]
    public var readPatternFile: PatternFileReader

    public init(fileOrder: [String] = [], readPatternFile: @escaping PatternFileReader = Planner.readFromDisk) {
        self.fileOrder = fileOrder
        self.readPatternFile = readPatternFile
    }

    /// Reads a file with Foundation.
    public static let readFromDisk: PatternFileReader = { path in
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    public func plan(_ configuration: HAProxyConfiguration) -> PlanResult {
        var context = PlanningContext(readPatternFile: readPatternFile)
        context.httpErrorSections = ErrorFileCompiler.sections(configuration)
        // Each proxy with its defaults merged in (the semantic layer's `EffectiveProxy`), in reading order.
        let effective = configuration.proxies.sorted { position($0.range) < position($1.range) }
            .map { EffectiveProxy($0, in: configuration).merged }
        var plan = RuntimePlan(global: GlobalPlan(maxconn: configuration.global?.maxconn))
        let unixBind = UnixBindDefaults(configuration.global, context: &context)
        let tlsDefaults = TLSBindDefaults(configuration.global, context: &context)
        context.tlsFileBases = tlsDefaults
        plan.global.nbthread = Self.threadCount(configuration.global, context: &context)
        StatsSocketCompiler(unixBind: unixBind).compile(configuration.global, into: &plan.global, context: &context)
        plan.global.buffers = BufferTuningCompiler.compile(configuration.global, context: &context)
        plan.global.http2 = HTTP2TuningCompiler.compile(configuration.global, bufferSize: plan.global.buffers?.bufferSize ?? 16_384,
                                                        context: &context)
        plan.global.process = ProcessCompiler(global: configuration.global).compile(context: &context)
        plan.global.log = GlobalLogCompiler.compile(configuration.global, rings: RingCompiler.compile(configuration, context: &context),
                                                    context: &context)
        InertSettingsCompiler.markGlobal(configuration.global, context: &context)
        plan.global.variables = GlobalVariableCompiler.compile(configuration.global, context: &context)
        plan.peers = PeersCompiler.compile(configuration, context: &context)
        if let global = configuration.global {
            for directive in global.directives where directive.keyword != "maxconn" && !context.handled.contains(directive.range) {
                context.unsupported(directive, proxy: nil)
            }
        }
        for proxy in effective {
            let name = proxy.name ?? ""
            let acls = ACLTable(proxy: proxy, context: &context)
            if let table = StickTableCompiler(proxy: proxy).compile(context: &context) { plan.stickTables.append(table) }
            let log = LogCompiler(proxy: proxy, global: plan.global.log).compile(context: &context)
            if proxy.kind.hasFrontend {
                var frontend = FrontendCompiler(proxy: proxy, acls: acls, unixBind: unixBind, tlsDefaults: tlsDefaults)
                    .compile(context: &context)
                frontend.log = log
                plan.frontends.append(frontend)
            }
            if proxy.kind.hasBackend {
                var backend = BackendCompiler(proxy: proxy, acls: acls).compile(context: &context)
                backend.log = log
                plan.backends.append(backend)
            }
            InertSettingsCompiler.markProxy(proxy, context: &context)
            context.reportUnhandled(proxy, name: name)
        }
        for section in configuration.defaults {
            // A timeout the engine runs is not unsupported because no section after the defaults uses it
            // (a `timeout server` above frontends only).
            for directive in section.directives
            where (FrontendCompiler.timeouts + BackendCompiler.timeouts).contains(where: { directive.keyword == "timeout " + $0 }) {
                context.markHandled(directive.range)
            }
            InertSettingsCompiler.markProxy(section, context: &context)
            context.reportUnhandled(section, name: nil)
        }
        plan.stickTables += configuration.peers.flatMap { StickTableCompiler.peersTables($0, context: &context) }
        checkReferences(plan, configuration, &context)
        PersistenceCompiler.storeServers(in: &plan)
        plan.unsupported = context.unsupportedFeatures
        let failed = context.diagnostics.contains(atLeast: .error)
        return PlanResult(plan: failed ? nil : plan, diagnostics: context.diagnostics)
    }

    private func position(_ range: SourceRange) -> (Int, Int) {
        (fileOrder.firstIndex(of: range.file) ?? fileOrder.count, range.start.offset)
    }

    /// `nbthread N`: the event-loop threads (the keyword table already refuses a count outside 1-64).
    private static func threadCount(_ global: GlobalSettings?, context: inout PlanningContext) -> Int? {
        guard let directive = global?.directives.last(where: { $0.keyword == "nbthread" }) else { return nil }
        context.markHandled(directive.range)
        return directive.arguments.first.flatMap { Int($0) }.flatMap { (1...64).contains($0) ? $0 : nil }
    }

    private func checkReferences(_ plan: RuntimePlan, _ configuration: HAProxyConfiguration, _ context: inout PlanningContext) {
        let names = Set(plan.backends.map(\.name))
        for proxy in configuration.proxies where proxy.kind.hasFrontend {
            for rule in proxy.useBackends where !names.contains(rule.backend) && !rule.backend.contains("%[") {
                context.error(PlannerMessage.backendUndefined, "no backend named '\(rule.backend)'", at: rule.range)
            }
            if let name = proxy.defaultBackend, !names.contains(name) {
                let range = proxy.directives("default_backend").last?.range ?? proxy.range
                context.error(PlannerMessage.backendUndefined, "no backend named '\(name)'", at: range)
            }
        }
    }
}

/// Rule ids of the planner's diagnostics.
public enum PlannerMessage {
    public static let aclInvalid = RuleID("acl-invalid")
    public static let backendUndefined = RuleID("backend-undefined")
    public static let patternFileUnreadable = RuleID("acl-pattern-file")
    public static let serverAddress = RuleID("server-address")
    public static let bindAddress = RuleID("bind-address")
    public static let ruleInvalid = RuleID("http-request-invalid")
    public static let forwardforExceptInvalid = RuleID("forwardfor-except-invalid")
    public static let stickTableInvalid = RuleID("stick-table-invalid")
}
