import ConfigDiagnostics
import HAProxyConfig

/// The arguments of an HTTP reply (`http-request return`, `http-response return`, `http-error`) that HAProxy
/// refuses or ignores.
struct HTTPReplyInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "http-reply-invalid", severity: .error, domain: .haproxy,
        summary: "An HTTP reply (`return`, `http-error`) has two payloads, a keyword without its value, a body where its status has none, or a body without `content-type`.",
        rationale: """
            An HTTP reply takes `status`, `content-type`, at most one payload (`string`, `lf-string`, `file`, \
            `lf-file`, `errorfile`, `errorfiles`, `default-errorfiles`) and `hdr <name> <value>` lines. HAProxy \
            refuses a second payload ("unexpected 'lf-string' argument, 'string' already defined"), a keyword \
            without its value, a body for a 204 or 304 reply ("No body expected for 304 responses"), and a \
            `string` or log-format body without `content-type`. It warns and drops a `hdr` naming \
            `content-length`, `content-type` or `transfer-encoding` (it sets them itself) and every `hdr` of a \
            reply taken from an errorfile. A `file` payload's content is read where HAProxy starts: an empty or \
            missing file is not judged here.
            """,
        fix: "Keep one payload, give each keyword its value, and add `content-type` to a reply with a body.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request return status 200 content-type text/plain string a ↓lf-string b if { path /a }
                    http-request return status 200 ↓string hello if { path /b }
                    http-request return status 304 content-type text/plain ↓lf-string x if { path /c }
                    http-request return status 200 content-type text/plain string x hdr ↓content-length 3 if { path /d }
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request return status 200 content-type text/plain string ok hdr X-A b if { path /health }
                    http-request return status 204 if { path /empty }
                    http-request return status 503 default-errorfiles if { path /down }
                    default_backend app
                backend app
                    http-error status 503 content-type text/plain lf-string "%[date] down"
                    server a 127.0.0.1:9000

                """),
        ])

    /// The keywords that choose a reply's payload, and what each names.
    static let payloads: [String: String?] = [
        "string": "<str>", "lf-string": "<fmt>", "file": "<file>", "lf-file": "<file>", "errorfile": "<file>",
        "errorfiles": "<name>", "default-errorfiles": nil,
    ]
    /// The lines whose arguments are an HTTP reply, and where the reply starts.
    static let replies = ["http-request return", "http-response return", "http-error"]
    /// Headers an HTTP reply sets itself.
    static let ownHeaders: Set<String> = ["content-length", "transfer-encoding", "content-type"]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for proxy in context.allProxies {
            for line in proxy.directives where Self.replies.contains(line.keyword) {
                check(line, &findings)
            }
        }
    }

    private func check(_ line: Directive, _ findings: inout Findings) {
        let words = Array(line.arguments.prefix { line.keyword == "http-error" || ($0 != "if" && $0 != "unless") })
        var index = 0
        var status = line.keyword == "http-error" ? nil : 200 as Int?
        var contentType: String?
        var payload: (word: String, index: Int)?
        var headers: [(name: String, index: Int)] = []
        func missing(_ what: String, at position: Int) {
            findings.report("'\(words[position])' expects \(what) as argument", at: line.argumentRanges[position])
        }
        while index < words.count {
            let word = words[index]
            if word == "status" {
                guard index + 1 < words.count else { return missing("<status_code>", at: index) }
                status = Int(words[index + 1])
                index += 2
            } else if word == "content-type" {
                guard index + 1 < words.count else { return missing("<ctype>", at: index) }
                contentType = words[index + 1]
                index += 2
            } else if let value = Self.payloads[word] {
                if let payload {
                    findings.report("unexpected '\(word)' argument, '\(payload.word)' already defined", at: line.argumentRanges[index])
                    return
                }
                payload = (word, index)
                if let value {
                    guard index + 1 < words.count, !words[index + 1].isEmpty else { return missing(value, at: index) }
                    index += 2
                } else {
                    index += 1
                }
            } else if word == "hdr" {
                guard index + 2 < words.count else { return missing("<name> and <value>", at: index) }
                headers.append((words[index + 1], index + 1))
                index += 3
            } else {
                if line.keyword != "http-error" {
                    findings.report("'\(line.keyword)' expects either 'if' or 'unless' followed by a condition but found '\(word)'",
                                    at: line.argumentRanges[index])
                }
                return
            }
        }
        for header in headers where Self.ownHeaders.contains(header.name.lowercased()) {
            findings.report("header '\(header.name)' always ignored by the http reply", at: line.argumentRanges[header.index],
                            severity: .warning)
        }
        guard let payload else { return }
        if ["errorfile", "errorfiles", "default-errorfiles"].contains(payload.word), let first = headers.first {
            findings.report("hdr parameters ignored by the http reply when used with an errorfile",
                            at: line.argumentRanges[first.index - 1], severity: .warning)
        }
        let logFormat = payload.word.hasPrefix("lf-")
        guard logFormat || payload.word == "string" else { return }
        if let status, status == 204 || status == 304 {
            findings.report("No body expected for \(status) responses", at: line.argumentRanges[payload.index])
        } else if contentType == nil {
            findings.report(logFormat ? "a content type must be defined with a log-format payload"
                                : "a content type must be defined when non-empty payload is configured",
                            at: line.argumentRanges[payload.index])
        }
    }
}
