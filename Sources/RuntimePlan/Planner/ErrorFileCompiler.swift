import HAProxyConfig

/// Reads a section's `errorfile` lines (its defaults' first, so its own win) at compile time.
enum ErrorFileCompiler {
    static func compile(_ proxy: Proxy, context: inout PlanningContext) -> [ErrorFile] {
        var files: [Int: ErrorFile] = [:]
        for directive in proxy.directives where directive.keyword == "errorfile" {
            guard directive.arguments.count == 2, let status = Int(directive.arguments[0]) else { continue }
            // A file that cannot be read here stays unsupported (`weir lint` reports it).
            // `/dev/null` is the usual way to write an empty page (Foundation does not read devices).
            let path = directive.arguments[1]
            guard let content = path == "/dev/null" ? "" : context.readPatternFile(path) else { continue }
            files[status] = ErrorFile(status: status, response: content)
            context.markHandled(directive.range)
        }
        return files.values.sorted { $0.status < $1.status }
    }
}
