import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A `content-type` on an HTTP reply that has no body.
struct HTTPReplyContentTypeIgnored: HAProxyRule {
    static let description = RuleDescription(
        id: "http-reply-content-type-ignored", severity: .warning, domain: .haproxy,
        summary: "An HTTP reply (`return`, `deny`, `http-error`) sets `content-type` but has no body to describe.",
        rationale: """
            `http-request return`, `deny`, `tarpit` and `http-error` build their response from a status, headers \
            and a payload given with `string`, `lf-string`, `file`, `lf-file` or an errorfile. A `content-type` \
            describes the payload; without one, or with an empty one, HAProxy drops it with a WARNING \
            ("content-type 'text/plain' ignored by the http reply because neither errorfile nor payload \
            defined"). It usually means the body was forgotten.
            """,
        fix: "Add the payload (`string \"...\"`, `file PATH`), or remove `content-type`.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request return status 503 ↓content-type text/plain if { path /maintenance }
                    http-request return status 200 ↓content-type text/plain file /dev/null if { path /empty }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request return status 503 content-type text/plain string "down for maintenance" if { path /maintenance }
                    http-request return status 204 if { path /empty }

                """),
        ])

    static func message(_ type: String, empty: Bool) -> String {
        empty ? "content-type '\(type)' is ignored: the reply's payload is empty"
            : "content-type '\(type)' is ignored: the reply has no payload (string, lf-string, file, lf-file or errorfile)"
    }

    /// Keywords that give a reply its payload; the value follows them.
    static let payloads: Set<String> = ["string", "lf-string", "file", "lf-file", "errorfile", "errorfiles", "default-errorfiles"]
    /// Actions that build an HTTP reply.
    static let actions: Set<String> = [
        "http-request return", "http-request deny", "http-request tarpit", "http-response return", "http-response deny",
        "http-error",
    ]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives where Self.actions.contains(line.keyword) {
                let words = line.arguments.prefix { $0 != "if" && $0 != "unless" }
                guard let index = words.firstIndex(of: "content-type"), index + 1 < words.count else { continue }
                let payload = words.firstIndex { Self.payloads.contains($0) }
                if let payload, !isEmpty(words, at: payload, context.environment) { continue }
                findings.report(Self.message(words[index + 1], empty: payload != nil), at: line.argumentRanges[index])
            }
        }
    }

    /// Whether the payload given at `index` is known to be empty: an empty file.
    private func isEmpty(_ words: ArraySlice<String>, at index: Int, _ environment: CheckEnvironment) -> Bool {
        guard index + 1 < words.endIndex, words[index] == "file" || words[index] == "lf-file" else { return false }
        let attributes = try? FileManager.default.attributesOfItem(atPath: environment.resolve(words[index + 1]))
        return attributes?[.size] as? Int == 0
    }
}
