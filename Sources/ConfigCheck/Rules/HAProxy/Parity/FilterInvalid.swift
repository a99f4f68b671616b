import ConfigDiagnostics
import HAProxyConfig

/// `filter` lines and the filters `compression` and the cache rules declare for themselves, as HAProxy 2.6 checks
/// them: arguments, one compression filter, the cache before the compression, and explicit declarations once
/// another filter is declared.
struct FilterInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "filter-invalid", severity: .error, domain: .haproxy,
        summary: "A `filter` or `compression` line HAProxy refuses, or filters in an order it refuses (compression before the cache, an implicit filter next to explicit ones).",
        rationale: """
            A proxy's filters run in the order of its `filter` lines. `compression` lines and the cache rules \
            (`http-request cache-use`, `http-response cache-store`) add their filter themselves, unless the \
            proxy declares filters explicitly: then HAProxy refuses the proxy unless `filter compression` and \
            `filter cache NAME` are declared too ("require an explicit filter declaration to use HTTP \
            compression"). A proxy has at most one compression filter, and one explicit filter per cache; the \
            cache must come before the compression ("unable to enable the compression filter before any cache \
            filter") and must exist. `filter` needs a filter name, `filter cache` a cache name, and \
            `compression` one of `algo`, `type` or `offload` with its values.
            """,
        fix: "Declare every filter with `filter` (cache first, then compression) once you declare one, or none; give each line its arguments.",
        triggering: [
            .haproxy("""
                cache assets
                    total-max-size 4
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    ↓filter
                    filter compression
                    ↓filter compression
                    ↓compression algo
                    ↓compression level 9
                    default_backend app
                backend app
                    ↓filter trace
                    compression algo gzip
                    server a 127.0.0.1:9000
                backend images
                    filter compression
                    ↓filter cache assets
                    ↓filter cache missing
                    server a 127.0.0.1:9000
                backend pages
                    ↓filter trace
                    http-request cache-use assets
                    ↓http-response cache-store
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                cache assets
                    total-max-size 4
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    compression algo gzip
                    compression type text/html
                    default_backend app
                backend app
                    filter trace
                    filter cache assets
                    filter compression
                    compression algo gzip
                    http-request cache-use assets
                    http-response cache-store assets
                    server a 127.0.0.1:9000
                backend pages
                    http-request cache-use assets
                    http-response cache-store assets
                    compression algo gzip
                    server a 127.0.0.1:9000

                """),
        ])

    /// One filter of a proxy, in HAProxy's order.
    enum Filter {
        case compression(Directive)
        case cache(name: String, implicit: Bool, line: Directive)
        case fcgi
        case other(Directive)
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let vocabulary = context.vocabulary
        guard vocabulary.uses(keyword: "filter") || vocabulary.uses(keyword: "compression")
            || vocabulary.uses(keyword: "compression algo") || vocabulary.uses(keyword: "compression type")
            || vocabulary.uses(keyword: "http-request cache-use") || vocabulary.uses(keyword: "http-response cache-store")
        else { return }
        let caches = Set(context.configuration.otherSections.filter { $0.kind == "cache" }.compactMap(\.name))
        for proxy in context.allProxies {
            for line in proxy.directives where line.keyword == "compression" {
                findings.report("'compression' expects 'algo', 'type' or 'offload'", at: line.range)
            }
            for keyword in ["compression algo", "compression type"] {
                for line in proxy.directives(keyword) where line.arguments.isEmpty {
                    findings.report("'compression' expects <\(keyword == "compression algo" ? "algorithm" : "type")>",
                                    at: line.range)
                }
            }
        }
        for effective in context.proxies {
            let filters = declaredFilters(effective.proxy, &findings)
            let compresses = ([effective.proxy] + effective.chain).contains { proxy in
                proxy.directives.contains { $0.keyword.hasPrefix("compression ") }
            }
            checkOrder(filters, compresses: compresses, proxy: effective.proxy, caches: caches, &findings)
        }
    }

    /// The proxy's filters in order, reporting the `filter` lines HAProxy refuses while reading them.
    private func declaredFilters(_ proxy: Proxy, _ findings: inout Findings) -> [Filter] {
        var filters: [Filter] = []
        for line in proxy.directives {
            switch line.keyword {
            case "filter":
                guard let kind = line.arguments.first else {
                    findings.report("missing argument for 'filter'", at: line.range)
                    continue
                }
                switch kind {
                case "compression":
                    if filters.contains(where: { if case .compression = $0 { return true } else { return false } }) {
                        findings.report("\(proxy.name ?? ""): Proxy supports only one compression filter", at: line.range)
                        continue
                    }
                    filters.append(.compression(line))
                case "cache":
                    guard line.arguments.count > 1 else {
                        findings.report("'filter' : 'cache : expects a <name> argument'", at: line.range)
                        continue
                    }
                    let name = line.arguments[1]
                    if let index = cacheIndex(name, in: filters) {
                        guard case .cache(_, true, _) = filters[index] else {
                            findings.report("\(proxy.name ?? ""): multiple explicit declarations of the cache filter '\(name)'",
                                            at: line.range)
                            continue
                        }
                        filters.remove(at: index)
                    }
                    filters.append(.cache(name: name, implicit: false, line: line))
                case "fcgi-app":
                    filters.append(.fcgi)
                default:
                    filters.append(.other(line))
                }
            case "http-request cache-use", "http-response cache-store":
                guard let name = line.arguments.first, name != "if", name != "unless" else {
                    findings.report("'\(line.keyword)' expects a cache name", at: line.range)
                    continue
                }
                if cacheIndex(name, in: filters) == nil { filters.append(.cache(name: name, implicit: true, line: line)) }
            default:
                continue
            }
        }
        return filters
    }

    private func cacheIndex(_ name: String, in filters: [Filter]) -> Int? {
        filters.firstIndex { filter in
            if case .cache(let declared, _, _) = filter { return declared == name }
            return false
        }
    }

    /// HAProxy's checks after reading (check_implicit_http_comp_flt, cache_store_check).
    private func checkOrder(_ filters: [Filter], compresses: Bool, proxy: Proxy, caches: Set<String>,
                            _ findings: inout Findings) {
        let label = "\(proxy.kind == .listen ? "proxy" : proxy.kind.rawValue) '\(proxy.name ?? "")'"
        var compressionSeen = false
        var explicitOther: Directive?
        for filter in filters {
            switch filter {
            case .compression:
                compressionSeen = true
            case .cache(let name, let implicit, let line):
                guard caches.contains(name) else {
                    findings.report("\(label): unable to find the cache '\(name)' referenced by the filter 'cache'", at: line.range)
                    continue
                }
                if compressionSeen {
                    findings.report("\(label): unable to enable the compression filter before the cache '\(name)'", at: line.range)
                } else if implicit, let other = filters.lazy.compactMap({ filter -> Directive? in
                    if case .other(let line) = filter { return line } else { return nil }
                }).first {
                    findings.report("\(label): require an explicit filter declaration to use the cache '\(name)'", at: other.range)
                }
            case .fcgi:
                continue
            case .other(let line):
                if explicitOther == nil { explicitOther = line }
            }
        }
        guard compresses, !compressionSeen, let explicitOther else { return }
        findings.report("\(label): require an explicit filter declaration to use HTTP compression", at: explicitOther.range)
    }
}
