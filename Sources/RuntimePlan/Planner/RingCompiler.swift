import HAProxyConfig
import RuntimePlan

/// Reads the `ring` sections (src/sink.c `cfg_parse_ring`): `description`,
/// `format`, `maxlen` and `size`. A ring's `server` lines (forwarding its
/// messages over TCP) are not run and stay unsupported, with their
/// `timeout connect|server`; the ring itself still keeps its messages.
/// Values HAProxy refuses are left to the checker, which reports them first.
enum RingCompiler {
    static func compile(_ configuration: HAProxyConfiguration, context: inout PlanningContext) -> [RingPlan] {
        var rings: [RingPlan] = []
        for section in configuration.otherSections where section.kind == "ring" {
            guard let name = section.name, !rings.contains(where: { $0.name == name }) else { continue }
            var description: String?, format = LogTarget.HeaderFormat.raw, maxLength: Int?, size = 16384
            for directive in section.directives {
                let value = directive.arguments.first ?? ""
                switch directive.keyword {
                case "description": description = value.isEmpty ? nil : value
                case "format": format = LogTarget.HeaderFormat(rawValue: value) ?? format
                case "maxlen": maxLength = Int(value).flatMap { $0 > 0 ? $0 : nil } ?? maxLength
                case "size": size = Int(value).flatMap { $0 > 0 ? $0 : nil } ?? size
                default:
                    context.unsupported(directive, proxy: nil, feature: "ring forwarding")
                    continue
                }
                context.markHandled(directive.range)
            }
            rings.append(RingPlan(name: name, description: description, format: format, maxLength: maxLength, size: size))
        }
        return rings
    }
}
