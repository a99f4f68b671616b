import ConfigDiagnostics
import HAProxyConfig

/// A fetch or converter given the wrong number or kind of arguments.
struct SampleArguments: HAProxyRule {
    static let description = RuleDescription(
        id: "sample-arguments", severity: .error, domain: .haproxy,
        summary: "A fetch or converter has too many arguments, lacks a number it needs, or has a non-integer where it takes an integer.",
        rationale: """
            Each fetch and converter takes a fixed argument list: `req.hdr([name[,occurrence]])`, \
            `sc_http_req_rate(counter[,table])`, `field(index,separators[,count])`, none at all for `src` or \
            `upper`. HAProxy checks the list when it reads the configuration and refuses it when a number is \
            missing, one argument too many is given, or an integer does not parse ("fetch method 'always_true' : no \
            argument supported", "missing args for conv method 'ipmask'", "failed to parse 'a' as type 'signed \
            integer'", ALERTs of haproxy -c).
            """,
        fix: "Give the arguments the fetch or converter takes; `haproxy -dKall -q -c -f /dev/null` lists them.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host ↓%[req.hdr(host,last)]
                    http-request set-header X-Net ↓%[src,ipmask]
                    http-request deny if { ↓src(x) -m found }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host %[req.hdr(host,-1),field(1,:)]
                    http-request set-header X-Net %[src,ipmask(24)]
                    http-request set-header X-Tag "%[str(a),concat(,txn.suffix,)]"
                    http-request deny if { src -m found }

                """),
        ])

    static func message(_ kind: String, _ name: String, _ problem: String) -> String { "\(kind) '\(name)' \(problem)" }

    /// What is wrong with an element's arguments against its list, if anything.
    static func problem(_ arguments: [String]?, _ list: SampleArgumentList) -> String? {
        let given = arguments ?? []
        if arguments != nil, list.types.isEmpty { return "takes no argument" }
        // Missing names and strings often get defaults (the current backend,
        // an empty string); a missing number or mask never does.
        let missing = given.count < list.required ? list.types[given.count..<list.required] : []
        if missing.contains(where: { $0 == "integer" || $0.hasSuffix("mask") }) {
            return "expects \(list.required) argument\(list.required == 1 ? "" : "s") (\(list.types.prefix(list.required).joined(separator: ", "))), got \(given.count)"
        }
        if given.count > list.types.count {
            return "takes at most \(list.types.count) argument\(list.types.count == 1 ? "" : "s"), got \(given.count)"
        }
        for (value, type) in zip(given, list.types) where type == "integer" && !value.isEmpty {
            let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
            if digits.isEmpty || !digits.allSatisfy(\.isNumber) { return "expects an integer, not '\(value)'" }
        }
        return nil
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let keywords = SampleKeywords.standard
        for site in context.sampleSites {
            guard case .success(let expressions) = site.parsed else { continue }
            for expression in expressions {
                for (position, element) in expression.elements.enumerated() {
                    let kind = position == 0 ? "fetch method" : "converter"
                    var table = position == 0 ? keywords.fetchArguments[element.name] : keywords.converterArguments[element.name]
                    if position == 0, table == nil, site.kind == .aclCriterion,
                       let fetch = keywords.aclFetches[element.name] { table = keywords.fetchArguments[fetch] }
                    guard let table, let problem = Self.problem(element.arguments, SampleArgumentList(table)) else { continue }
                    findings.report(Self.message(kind, element.name, problem), at: site.range)
                }
            }
        }
    }
}
