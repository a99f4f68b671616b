import HAProxyConfig
import RuntimePlan

/// Reads a section's error pages at compile time, its defaults' lines first, then its own, in the order
/// written, the last one for a status winning, as HAProxy 2.6 resolves them:
/// `errorfile STATUS FILE`; `errorfiles NAME [STATUS…]` (the pages of an `http-errors NAME` section, all of
/// them or the listed statuses); `http-error status STATUS` with `errorfile FILE`, `errorfiles NAME` or
/// `default-errorfiles` (HAProxy's own page again). An `http-error` with a body of its own (`string`,
/// `lf-string`, `file`, `hdr`, or nothing) stays unsupported.
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
            let arguments = directive.arguments
            switch directive.keyword {
            case "errorfile":
                guard arguments.count == 2, let status = Int(arguments[0]), let file = read(status, arguments[1], context.readPatternFile)
                else { continue }
                files[status] = file
            case "errorfiles":
                guard let name = arguments.first, let section = context.httpErrorSections[name] else { continue }
                let statuses = Set(arguments.dropFirst().compactMap { Int($0) })
                guard statuses.count == arguments.count - 1, let pages = pages(section, context.readPatternFile) else { continue }
                for (status, page) in pages where statuses.isEmpty || statuses.contains(status) { files[status] = page }
            case "http-error":
                guard arguments.count >= 2, arguments[0] == "status", let status = Int(arguments[1]) else { continue }
                let body = Array(arguments.dropFirst(2))
                switch body.first {
                case "errorfile" where body.count == 2:
                    guard let file = read(status, body[1], context.readPatternFile) else { continue }
                    files[status] = file
                case "errorfiles" where body.count == 2:
                    guard let section = context.httpErrorSections[body[1]], let pages = pages(section, context.readPatternFile) else { continue }
                    // A status the section does not declare leaves the page as it was (HAProxy warns).
                    if let page = pages[status] { files[status] = page }
                case "default-errorfiles" where body.count == 1:
                    files[status] = nil
                default:
                    continue
                }
            default:
                continue
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
