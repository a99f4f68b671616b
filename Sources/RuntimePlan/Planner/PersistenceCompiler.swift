import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles a backend's persistence: `cookie`, `stick match|on|store-request|store-response`,
/// `option persist`, `force-persist` and `ignore-persist`. A line the engine
/// cannot run (a key or condition it cannot evaluate) stays listed as
/// unsupported.
struct PersistenceCompiler {
    let proxy: Proxy
    let acls: ACLTable

    func compile(context: inout PlanningContext) -> PersistencePlan? {
        var plan = PersistencePlan(persistWhenDown: proxy.options["persist"] == true)
        if proxy.options["persist"] != nil {
            for directive in proxy.directives("option persist") { context.markHandled(directive.range) }
        }
        if let directive = proxy.directives("cookie").last, let cookie = Self.cookie(directive.arguments) {
            plan.cookie = cookie
            context.markHandled(directive.range)
        }
        for directive in proxy.directives {
            let words = Self.words(directive)
            switch words.first {
            case "stick":
                guard let rule = stickRule(directive, Array(words.dropFirst()), context: &context) else { continue }
                plan.stickRules.append(rule)
                context.markHandled(directive.range)
            case "force-persist", "ignore-persist":
                guard let predicate = condition(Array(words.dropFirst()), directive, context: &context) else { continue }
                if words[0] == "force-persist" { plan.forcePersist.append(predicate) } else { plan.ignorePersist.append(predicate) }
                context.markHandled(directive.range)
            default:
                continue
            }
        }
        let empty = plan.cookie == nil && plan.stickRules.isEmpty
        return empty ? nil : plan
    }

    /// The directive's keyword words and arguments (`stick on` may be one keyword or two words).
    static func words(_ directive: Directive) -> [String] {
        directive.keyword.split(separator: " ").map(String.init) + directive.arguments
    }

    /// `cookie NAME [options]`; nil for an option the engine does not run.
    static func cookie(_ arguments: [String]) -> CookiePlan? {
        guard let name = arguments.first else { return nil }
        var cookie = CookiePlan(name: name)
        var index = 1
        while index < arguments.count {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch arguments[index] {
            case "rewrite": cookie.mode = .rewrite
            case "insert": cookie.mode = .insert
            case "prefix": cookie.mode = .prefix
            case "indirect": cookie.indirect = true
            case "nocache": cookie.nocache = true
            case "postonly": cookie.postonly = true
            case "preserve": cookie.preserve = true
            case "httponly": cookie.httponly = true
            // The servers' values are made from `dynamic-cookie-key` (see `DynamicCookie`).
            case "dynamic": break
            case "secure": cookie.secure = true
            case "maxidle", "maxlife":
                guard let next, let duration = try? Duration.parse(next, defaultUnit: .seconds).get() else { return nil }
                let seconds = Int(duration.milliseconds / 1000)
                if arguments[index] == "maxidle" { cookie.maxIdleSeconds = seconds } else { cookie.maxLifeSeconds = seconds }
                index += 1
            case "domain", "attr":
                guard let next else { return nil }
                if arguments[index] == "domain" { cookie.domains.append(next) } else { cookie.attributes.append(next) }
                index += 1
            default:
                return nil
            }
            index += 1
        }
        return cookie
    }

    private func stickRule(_ directive: Directive, _ words: [String], context: inout PlanningContext) -> StickRule? {
        guard words.count >= 2, let kind = StickRule.Kind(rawValue: words[0]),
              let (key, _) = ACLParser.fetch(for: words[1]) else { return nil }
        var table = proxy.name ?? ""
        var rest = Array(words.dropFirst(2))
        if rest.count >= 2, rest[0] == "table" {
            table = rest[1]
            rest.removeFirst(2)
        }
        var predicate: Predicate?
        if !rest.isEmpty {
            guard let compiled = condition(rest, directive, context: &context) else { return nil }
            predicate = compiled
        }
        return StickRule(kind: kind, key: key, table: table, condition: predicate, text: words.joined(separator: " "),
                         source: SourceRef(directive.range))
    }

    /// `if|unless TERMS`, compiled; nil when missing or not evaluable.
    private func condition(_ words: [String], _ directive: Directive, context: inout PlanningContext) -> Predicate? {
        guard let first = words.first, let polarity = Condition.Polarity(rawValue: first) else { return nil }
        guard case .predicate(let predicate) = acls.compile(polarity: polarity, terms: Array(words.dropFirst()),
                                                             range: directive.range, context: &context) else { return nil }
        return predicate
    }
}

extension PersistenceCompiler {
    /// A table that `stick` rules write to stores `server_id` and `server_key`, as HAProxy adds them.
    static func storeServers(in plan: inout RuntimePlan) {
        let written = Set(plan.backends.flatMap { $0.persistence?.stickRules.filter(\.stores).map(\.table) ?? [] })
        for index in plan.stickTables.indices where written.contains(plan.stickTables[index].name) {
            for type in [StickDataType.serverID, .serverKey] where plan.stickTables[index].stored(type) == nil {
                plan.stickTables[index].stored.append(StickDataPlan(type: type))
            }
            plan.stickTables[index].stored.sort { $0.type.id < $1.type.id }
        }
    }
}
