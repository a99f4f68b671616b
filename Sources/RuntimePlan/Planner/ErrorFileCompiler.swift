import HAProxyConfig
import RuntimePlan

/// Reads a section's error pages at compile time, its defaults' lines first, then its own, in the order
/// written, the last one for a status winning, as HAProxy 2.6 resolves them:
/// `errorfile STATUS FILE`; `errorfiles NAME [STATUS…]` (the pages of an `http-errors NAME` section, all of
/// them or the listed statuses); `http-error status STATUS` with `errorfile FILE`, `errorfiles NAME` or
/// `default-errorfiles` (HAProxy's own page again). An `http-error` with a body of its own (`string`,
/// `lf-string`, `file`, `hdr`, or nothing) stays unsupported. The lines are read by the semantic layer (`ErrorPageLine`).
enum ErrorFileCompiler {
    /// The `errorfile` lines of each `http-errors` section, by section name.
    static func sections(_ configuration: HAProxyConfiguration) -> [String: [Directive]] {
        var sections: [String: [Directive]] = [:]
        for section in configuration.otherSections where section.kind == "http-errors" {
            guard let name = section.name else { continue }
            sections[name, default: []] += section.directives.filter { $0.keyword == "errorfile" }
        }
        return sections
    }

    static func compile(_ proxy: Proxy, context: inout PlanningContext) -> [ErrorFile] {
        var files: [Int: ErrorFile] = [:]
        for directive in proxy.directives {
            guard let line = ErrorPageLine(directive) else { continue }
            switch line.source {
            case .file(let path):
                guard let status = line.status, let file = read(status, path, context.readPatternFile) else { continue }
                files[status] = file
            case .section(let name, let statuses):
                guard let section = context.httpErrorSections[name], let pages = pages(section, context.readPatternFile) else { continue }
                // A status the section does not declare leaves the page as it was (HAProxy warns).
                for (status, page) in pages where statuses.isEmpty || statuses.contains(status) { files[status] = page }
            case .haproxyDefault:
                guard let status = line.status else { continue }
                files[status] = nil
            }
            context.markHandled(directive.range)
        }
        return files.values.sorted { $0.status < $1.status }
    }

    /// The pages of an `http-errors` section; nil when one of its files cannot be read (`weir lint` reports it).
    static func pages(_ section: [Directive], _ readFile: Planner.PatternFileReader) -> [Int: ErrorFile]? {
        var pages: [Int: ErrorFile] = [:]
        for directive in section {
            guard directive.arguments.count == 2, let status = Int(directive.arguments[0]),
                  let file = read(status, directive.arguments[1], readFile) else { return nil }
            pages[status] = file
        }
        return pages
    }

    /// A file that cannot be read here stays unsupported (`weir lint` reports it). `/dev/null` is the usual
    /// way to write an empty page (Foundation does not read devices).
    static func read(_ status: Int, _ path: String, _ readFile: Planner.PatternFileReader) -> ErrorFile? {
        guard let content = path == "/dev/null" ? "" : readFile(path) else { return nil }
        return ErrorFile(status: status, response: content)
    }
}
