import ConfigDiagnostics
import HAProxyConfig

/// A port range or port offset in an address that takes one port.
struct PortRangeNotAllowed: HAProxyRule {
    static let description = RuleDescription(
        id: "port-range-not-allowed", severity: .error, domain: .haproxy,
        summary: "An address that needs a single port has a port range or a port offset.",
        rationale: """
            Only `bind` listens on a range of ports (`bind :8000-8010`), and only a server address may shift the \
            client's destination port (`server s 10.0.0.1:+1000`). A log target, a `source` address, a \
            server's `usesrc` address and a `tcp-check connect addr` name one port: \
            HAProxy refuses anything else ("log : port range not permitted here", "port offset not permitted \
            here", ALERTs of haproxy -c). A range on a server address is refused too; a server's own `source` \
            may be a range (a pool of source ports) but not an offset.
            """,
        fix: "Give a single port.",
        triggering: [
            .haproxy("""
                global
                    log ↓127.0.0.1:10001-10010 local0
                backend app
                    timeout connect 5s
                    timeout server 30s
                    source ↓10.0.0.5:+1000
                    server a ↓10.0.0.1:8080-8090

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    log 127.0.0.1:514 local0
                frontend web
                    bind :8000-8010
                    timeout client 30s
                    default_backend app
                backend app
                    timeout connect 5s
                    timeout server 30s
                    source 10.0.0.5
                    server a 10.0.0.1:+1000

                """),
        ])

    static func message(_ place: String, _ address: String, range: Bool) -> String {
        "\(place) takes a single port: a port \(range ? "range" : "offset") is not allowed in '\(address)'"
    }

    /// What is wrong with an address's port here: nil, or whether it is a range (else an offset).
    static func fault(_ text: String, offsetAllowed: Bool, rangeAllowed: Bool) -> Bool? {
        // Most addresses have neither: skip them without building strings.
        let bytes = text.utf8
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")),
              bytes[colon...].contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) else { return nil }
        let address = text.hasPrefix("[") ? text : String(text.split(separator: "@", maxSplits: 1).last ?? "")
        guard let portColon = address.lastIndex(of: ":") else { return nil }
        let port = address[address.index(after: portColon)...]
        guard let first = port.first else { return nil }
        if first == "+" || first == "-" { return offsetAllowed ? nil : false }
        let parts = port.split(separator: "-", omittingEmptySubsequences: false)
        let isRange = parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        return isRange && !rangeAllowed ? true : nil
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        func inspect(_ place: String, _ text: String, _ range: SourceRange, offsetAllowed: Bool = false,
                     rangeAllowed: Bool = false) {
            guard !text.hasPrefix("/"), !text.hasPrefix("unix@"), !text.hasPrefix("abns@"), !text.hasPrefix("fd@"),
                  let isRange = Self.fault(text, offsetAllowed: offsetAllowed, rangeAllowed: rangeAllowed) else { return }
            findings.report(Self.message(place, text, range: isRange), at: range)
        }
        context.forEachDirective { line in
            switch line.keyword {
            case "log" where line.modifier == nil && !line.arguments.isEmpty:
                inspect("a log target", line.arguments[0], line.argumentRanges[0])
            case "source" where !line.arguments.isEmpty:
                inspect("'source'", line.arguments[0], line.argumentRanges[0])
                if let index = line.arguments.firstIndex(of: "usesrc"), index + 1 < line.arguments.count {
                    inspect("'usesrc'", line.arguments[index + 1], line.argumentRanges[index + 1])
                }
            case "tcp-check connect":
                if let index = line.arguments.firstIndex(of: "addr"), index + 1 < line.arguments.count {
                    inspect("'tcp-check connect addr'", line.arguments[index + 1], line.argumentRanges[index + 1])
                }
            default: break
            }
        }
        func inspect(_ server: Server) {
            if let text = server.addressText, let range = server.addressRange {
                inspect("a server address", text, range, offsetAllowed: true)
            }
            let options = server.options
            for (index, option) in options.enumerated() {
                if option.name == "source", let value = option.value {
                    inspect("a server's 'source'", value, option.range, rangeAllowed: true)
                } else if option.name == "usesrc", index + 1 < options.count {
                    inspect("'usesrc'", options[index + 1].name, options[index + 1].range)
                }
            }
        }
        for proxy in context.allProxies {
            proxy.servers.forEach(inspect)
            if let defaultServer = proxy.defaultServer { inspect(defaultServer) }
        }
    }
}
