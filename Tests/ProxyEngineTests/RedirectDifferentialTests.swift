import Foundation
import XCTest

/// Redirects and dynamic backend names run by the real haproxy 2.6 and by the
/// engine on the same configuration: the standalone `redirect` keyword (a
/// literal target, run after the proxy's `http-request` rules), every redirect
/// option (`code`, `drop-query`, `append-slash`, `set-cookie`, `clear-cookie`,
/// `ignore-empty`, in any order), and `use_backend` with a log-format name
/// (an unknown name falls back to `default_backend`).
final class RedirectDifferentialTests: XCTestCase {
    static func config(_ directory: String) -> (Int, String) -> String {
        { port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                acl seen req.cook(SEEN) -m found
                http-request set-header X-Seen-Rules yes
                http-request redirect code 301 location %[path,map_str(\(directory)/moves.map)] ignore-empty
                http-request redirect drop-query append-slash prefix /p code 303 if { path_beg /hr }
                http-request redirect scheme https code 307 append-slash if { path_beg /tls }
                redirect location /abs/test code 301 if { path /l }
                redirect prefix /pfx/test code 302 if { path_beg /pq }
                redirect prefix /pfx/test code 303 drop-query if { path_beg /dq }
                redirect prefix / code 302 set-cookie SEEN=1 if { path_beg /ck } !seen
                redirect location / code 302 clear-cookie SEEN= if { path_beg /ck } seen
                redirect prefix /slash code 308 append-slash drop-query if { path_beg /as }
                redirect location %[path] if { path /literal }
                use_backend be_%[req.hdr(x-app)] if { req.hdr(x-app) -m found }
                use_backend %[req.hdr(host),lower,map_dom(\(directory)/hosts.map,none)]
                default_backend be_default
            backend be_one
                http-request set-header X-Be %[be_name]
                server s \(server)
            backend be_two
                http-request set-header X-Be %[be_name]
                redirect location /from-two code 302 if { path /two-redirect }
                server s \(server)
            backend be_default
                http-request set-header X-Be %[be_name]
                server s \(server)

            """
        }
    }

    static let requests: [String] = [
        "GET /old HTTP/1.1\r\nHost: a\r\n\r\nGET /unmapped HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /hr/x?q=1 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /hr/y/?q=1 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /tls/z?k=v HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
        "GET /l HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /pq/a?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /dq/a?x=1 HTTP/1.0\r\n\r\n",
        "GET /ck HTTP/1.1\r\nHost: a\r\n\r\nGET /ck HTTP/1.1\r\nHost: a\r\nCookie: SEEN=1\r\n\r\n",
        "GET /as/b?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /literal HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: a\r\nX-App: one\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\nX-App: three\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: www.Two.example\r\n\r\nGET /two-redirect HTTP/1.1\r\nHost: two.example\r\n\r\n",
        "GET /x HTTP/1.1\r\nHost: nowhere.example\r\n\r\n",
        "POST /l HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
    ]

    func testRedirectsMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-redirects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "/old /new/place\n".write(to: directory.appendingPathComponent("moves.map"), atomically: true, encoding: .utf8)
        try "one.example be_one\ntwo.example be_two\n".write(to: directory.appendingPathComponent("hosts.map"),
                                                              atomically: true, encoding: .utf8)
        let pair = try await ProxyPair(Self.config(directory.path)) { _ in .ok }
        var disagreements: [String] = []
        for request in Self.requests {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
