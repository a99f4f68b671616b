import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles a proxy's `compression algo|type|offload` lines, its defaults'
/// first, the way HAProxy 2.6 builds them (src/flt_http_comp.c
/// `parse_compression_options`, src/proxy.c `proxy_defproxy_cpy`).
struct CompressionCompiler {
    let proxy: Proxy

    /// The section's compression settings; nil when it has no `compression` line.
    func compile(context: inout PlanningContext) -> CompressionPlan? {
        var plan: CompressionPlan?
        for directive in proxy.directives where directive.keyword.hasPrefix("compression ") {
            var current = plan ?? CompressionPlan()
            switch directive.keyword {
            case "compression algo":
                // A name HAProxy does not have is the semantic layer's finding, reported once for a `listen`
                // section (compiled as a frontend and as a backend).
                for finding in SemanticFindings.compressionAlgorithms(directive) { context.report(finding) }
                for word in directive.arguments {
                    guard let algorithm = CompressionAlgorithm(rawValue: word) else { continue }
                    // Each word goes in front of the list, as `comp_append_algo` does.
                    current.algorithms.insert(algorithm, at: 0)
                }
            case "compression type":
                for word in directive.arguments.reversed() { current.types.insert(word, at: 0) }
            case "compression offload":
                // Ignored in `defaults` (HAProxy warns there): only the section's own line counts.
                if isOwn(directive) { current.offload = true }
            default:
                continue
            }
            context.markHandled(directive.range)
            plan = current
        }
        return plan
    }

    /// Whether the line is written in the section itself rather than inherited from its defaults.
    private func isOwn(_ directive: Directive) -> Bool {
        directive.range.isInSameFile(as: proxy.range) && directive.range.start.offset >= proxy.range.start.offset
            && directive.range.end.offset <= proxy.range.end.offset
    }
}
