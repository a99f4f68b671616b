import Foundation
import XCTest

/// `http-request normalize-uri` run by the real haproxy 2.6 and by the engine on the same configuration:
/// every normalizer with and without its option, on origin-form and absolute-form targets, a `strict`
/// normalizer refusing a malformed `%` sequence (400), several normalizers in a row, and HAProxy 2.6's quirk
/// (`path-strip-dotdot` directly followed by `if` runs as `path-merge-slashes`). The server sees the
/// rewritten request line; the client sees the `url` the rules saw before and after.
final class NormalizeURIDifferentialTests: XCTestCase {
    static let normalizers: [(backend: String, rules: [String])] = [
        ("merge", ["path-merge-slashes"]),
        ("dot", ["path-strip-dot"]),
        ("dotdot", ["path-strip-dotdot"]),
        ("dotdotfull", ["path-strip-dotdot full"]),
        ("sort", ["query-sort-by-name"]),
        ("upper", ["percent-to-uppercase"]),
        ("upperstrict", ["percent-to-uppercase strict"]),
        ("decode", ["percent-decode-unreserved"]),
        ("decodestrict", ["percent-decode-unreserved strict"]),
        ("fragstrip", ["fragment-strip"]),
        ("fragencode", ["fragment-encode"]),
        ("quirk", ["path-strip-dotdot if TRUE"]),
        ("chain", ["percent-decode-unreserved", "path-strip-dot", "path-strip-dotdot full", "path-merge-slashes",
                   "query-sort-by-name", "percent-to-uppercase"]),
    ]

    static func config(_ port: Int, _ server: String) -> String {
        let backends = normalizers.map { backend, rules in
            "backend \(backend)\n"
                + rules.map { "    http-request normalize-uri \($0)\n" }.joined()
                + "    http-request set-header x-after %[url]\n    server s \(server)\n"
        }.joined()
        return """
            global
                expose-experimental-directives
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                http-request set-var(txn.before) url
                http-response set-header x-before %[var(txn.before)]
                use_backend %[req.hdr(x-n)]

            """ + backends
    }

    static let targets = [
        "/a//b///c/", "//", "/./a/./b/.", "/.well-known/./x", "/foo/../bar/", "/foo/bar/..", "/../bar/", "/bar/../../",
        "/foo//../", "/foo/%2E%2E/", "/a/b/../../../c?x=/../", "/?c=3&a=1&b=2", "/?aaa=3&a=1&aa=2", "/?a=3&b=4&a=1&b=5&a=2",
        "/x?b=1&a=2&&c&", "/x?", "/x", "/%6f%2f%7e?q=%aa", "/%61dmin%3Fx", "/%%36%36", "/%ZZ", "/a%4", "/a%",
        "http://example.com//a/./b/../c?z=1&y=2", "http://example.com", "/p?q=%2e%2E/",
    ]

    /// Targets a `strict` normalizer refuses: each is sent alone, since haproxy closes after its 400.
    static let malformed: Set<String> = ["/%%36%36", "/%ZZ", "/a%4", "/a%"]

    func testNormalizersMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for (backend, rules) in Self.normalizers {
            let strict = rules.contains { $0.hasSuffix("strict") }
            // Pipelined in one connection, except where a 400 would close it before the rest.
            let batches = strict ? Self.targets.map { [$0] } : [Self.targets.filter { !Self.malformed.contains($0) },
                                                                 Self.targets.filter { Self.malformed.contains($0) }]
            for batch in batches {
                let request = batch.map { "GET \($0) HTTP/1.1\r\nHost: example.com\r\nX-N: \(backend)\r\n\r\n" }.joined()
                if let disagreement = pair.disagreement(request, requireAnswer: true) { disagreements.append(disagreement) }
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// A rule's 400 or 408 page (a `strict` normalizer, `deny deny_status 400|408`) goes through HAProxy's HTTP
    /// layer: lower-case names, `connection: close` last, and the connection closes; a 422 page keeps it open.
    func testRuleMadeErrorPagesMatchHAProxy() async throws {
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                http-request deny deny_status 400 if { path /400 }
                http-request deny deny_status 408 if { path /408 }
                http-request deny deny_status 422 if { path /422 }
                http-request deny if { path /403 }
                default_backend b
            backend b
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        for status in [400, 408, 422, 403] {
            let request = "GET /\(status) HTTP/1.1\r\nHost: a\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n"
            if let disagreement = pair.disagreement(request, requireAnswer: true) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
