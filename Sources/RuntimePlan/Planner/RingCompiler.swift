import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Reads the `ring` sections (src/sink.c `cfg_parse_ring`): `description`,
/// `format`, `maxlen` and `size`. A ring's `server` lines (forwarding its
/// messages over TCP) are not run and stay unsupported, with their
/// `timeout connect|server`; the ring itself still keeps its messages.
/// A `maxlen` or `size` HAProxy refuses is an error with its message (a
/// size below the default 16384 cannot shrink the ring); an unknown
/// `format` is left to the checker, which reports it first.
enum RingCompiler {
    static let invalid = RuleID("invalid-argument")

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
                case "maxlen", "size":
                    // HAProxy reads both with atol: leading digits, 0 refused.
                    let number = Int(value.prefix { $0.isNumber }) ?? 0
                    if number == 0 {
                        context.error(invalid, "invalid size '\(value)' for new sink buffer.", at: directive.range)
                    } else if directive.keyword == "maxlen" {
                        maxLength = number
                    } else if number < size {
                        context.error(invalid, "ignoring new size '\(value)' that is smaller than current size '\(size)' for ring '\(name)'.",
                                      at: directive.range)
                    } else {
                        size = number
                    }
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
