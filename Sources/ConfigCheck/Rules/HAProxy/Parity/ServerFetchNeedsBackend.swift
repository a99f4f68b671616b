import ConfigDiagnostics
import HAProxyConfig

/// A server fetch in a defaults section that does not say which backend.
struct ServerFetchNeedsBackend: HAProxyRule {
    static let description = RuleDescription(
        id: "server-fetch-needs-backend", severity: .error, domain: .haproxy,
        summary: "A defaults section uses a server fetch (`srv_conn(www)`) without naming the backend.",
        rationale: """
            Fetches about one server (srv_conn, srv_is_up, srv_queue, srv_weight…) take `backend/server`, or \
            just `server` for a server of the proxy the rule is written in. A defaults section has no servers, \
            so there the backend must be named: HAProxy refuses the configuration otherwise ("backend name must \
            be set in arg 1 of sample fetch keyword 'srv_conn'", an ALERT of haproxy -c).
            """,
        fix: "Write the argument as `backend/server`.",
        triggering: [
            .haproxy("""
                defaults base
                    mode http
                    http-request set-header X-Load "%[↓srv_conn(www)]"
                backend app from base
                    timeout connect 5s
                    timeout server 30s
                    server www 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults base
                    mode http
                    http-request set-header X-Load "%[srv_conn(app/www)]"
                backend app from base
                    timeout connect 5s
                    timeout server 30s
                    server www 127.0.0.1:8080

                """),
        ])

    /// Fetches whose argument is a server.
    static let fetches = [
        "srv_conn", "srv_conn_free", "srv_is_up", "srv_iweight", "srv_queue", "srv_sess_rate", "srv_uweight", "srv_weight",
    ]

    static func message(_ fetch: String) -> String { "'\(fetch)' in a defaults section needs 'backend/server' as its argument" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let files = Dictionary(context.syntax.files.map { ($0.source.path, $0.source) }) { first, _ in first }
        for section in context.configuration.defaults {
            for line in section.directives {
                for (text, range) in zip(line.arguments, line.argumentRanges) {
                    for fetch in Self.unqualified(in: text) {
                        findings.report(Self.message(fetch.name), at: Self.place(of: fetch, in: range, files))
                    }
                }
            }
        }
    }

    /// The server fetches of a word whose argument names no backend, with their offset in the word.
    static func unqualified(in text: String) -> [(name: String, offset: Int)] {
        let bytes = Array(text.utf8)
        var found: [(String, Int)] = []
        for fetch in fetches {
            let pattern = Array((fetch + "(").utf8)
            var index = 0
            while index + pattern.count <= bytes.count {
                defer { index += 1 }
                guard Array(bytes[index..<index + pattern.count]) == pattern else { continue }
                if index > 0, bytes[index - 1].isNameByte { continue }
                let argument = bytes[(index + pattern.count)...].prefix { $0 != UInt8(ascii: ")") }
                if !argument.isEmpty, !argument.contains(UInt8(ascii: "/")) { found.append((fetch, index)) }
            }
        }
        return found.sorted { $0.1 < $1.1 }
    }

    /// The fetch's place in the file when the word is written as read (no quotes or escapes before it), else the word.
    static func place(of fetch: (name: String, offset: Int), in range: SourceRange, _ files: [String: SourceFile]) -> SourceRange {
        guard let file = files[range.file] else { return range }
        let raw = file.bytes[range.start.offset..<range.end.offset]
        let pattern = Array((fetch.name + "(").utf8)
        guard let start = raw.indices.first(where: { raw[$0...].starts(with: pattern) }) else { return range }
        return file.range(start, start + fetch.name.utf8.count)
    }
}

/// Bytes that may appear in a fetch name.
private extension UInt8 {
    var isNameByte: Bool {
        (self >= 0x30 && self <= 0x39) || (self | 0x20 >= 0x61 && self | 0x20 <= 0x7A) || self == 0x5F || self == 0x2E
    }
}
