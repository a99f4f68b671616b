import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// A `bind` line's `proto`, checked as HAProxy 2.6 checks it (src/listener.c
/// `bind_parse_proto`, src/cfgparse.c `check_config_validity`, with its
/// messages): the name must be a MUX protocol, and one the proxy's mode can use
/// on the client side (`h1` and `h2` in `mode http`, `none` in `mode tcp`).
enum BindProtoCompiler {
    /// A name HAProxy does not know, or one the mode cannot use: the checker's id for a refused argument.
    static let invalidArgument = RuleID("invalid-argument")
    /// HAProxy 2.6's MUX protocols (`haproxy -vv`); `fcgi` serves servers only.
    static let known: Set<String> = ["h1", "h2", "none", "fcgi"]

    static func compile(_ bind: Bind, mode: ProxyMode, context: inout PlanningContext) -> MuxProtocol? {
        guard let option = bind.options.last(where: { $0.name == "proto" }) else { return nil }
        let name = option.value ?? ""
        guard known.contains(name) else {
            context.error(invalidArgument, "'proto' :  unknown MUX protocol '\(name)'", at: option.range)
            return nil
        }
        let proto = MuxProtocol(rawValue: name)
        guard let proto, (mode == .http) == (proto != .none) else {
            context.error(invalidArgument, "MUX protocol '\(name)' is not usable for 'bind \(bind.messageName)'", at: option.range)
            return nil
        }
        return proto
    }
}
