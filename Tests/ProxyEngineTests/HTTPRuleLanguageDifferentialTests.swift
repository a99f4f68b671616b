import Foundation
import XCTest

/// HAProxy's rule language run by the real haproxy 2.6 and by the engine on the
/// same configuration: `http-request`, `http-response` and `http-after-response`
/// actions, variables in every scope, sample fetches and converters inside
/// log-format values. Both must forward the same requests to the server and send
/// the same responses to the client (header names compared without case, as
/// haproxy writes them in lower case).
final class HTTPRuleLanguageDifferentialTests: XCTestCase {
    static let replies: [String: ScriptedBackend.Reply] = [
        "/nf": .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Server: NotFound\r\n\r\nok"),
    ]

    static let serverReply = ScriptedBackend.Reply(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Server: AppOne\r\nX-Internal: secret\r\nCache-Control: private, v1\r\n\r\nok")

    static func config(_ port: Int, _ server: String) -> String {
        #"""
        global
            nbthread 1
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\#(port)
            http-request set-var(txn.host) req.hdr(host),lower
            http-request set-var(txn.path) path
            http-request set-var(txn.path_len) path,length
            http-request set-var(sess.count) var(sess.count),add(1) if { var(sess.count) -m found }
            http-request set-var(sess.count) int(1) unless { var(sess.count) -m found }
            http-request set-var(txn.first,ifnotexists) str(one)
            http-request set-var(txn.first,ifnotexists) str(two)
            http-request set-var(txn.empty,ifnotempty) str()
            http-request set-header X-Conv-Upper %[req.hdr(host),upper]
            http-request set-header X-Conv-Hex %[path,hex]
            http-request set-header X-Conv-B64 %[path,base64]
            http-request set-header X-Conv-Field %[path,field(2,/)]
            http-request set-header X-Conv-Field-Many %[path,field(2,/,2)]
            http-request set-header X-Conv-Word %[path,word(2,/)]
            http-request set-header X-Conv-Regsub %[path,regsub(/,_,g)]
            http-request set-header X-Conv-Regsub-One %[path,regsub(^/a,X)]
            http-request set-header X-Conv-Crc %[path,crc32]
            http-request set-header X-Conv-Djb2 %[path,djb2]
            http-request set-header X-Conv-Sdbm %[path,sdbm]
            http-request set-header X-Conv-Mask %[src,ipmask(16)]
            http-request set-header X-Conv-Json %[req.hdr(x-json),json]
            http-request set-header X-Conv-UrlDec %[url_param(q),url_dec]
            http-request set-header X-Field-Missing [%[path,field(9,/)]]
            http-request set-header X-Field-Found yes if { path,field(9,/) -m found }
            http-request set-header X-Field-Third %[path,field(3,/)] if { path,field(3,/) -m found }
            http-request set-header X-Conv-UrlDec-Url %[url,url_dec]|%[url,url_dec(1)]
            http-request set-header X-Conv-UrlEnc %[url_param(q),url_dec,url_enc]|%[path,url_enc(query)]|%[req.hdr(x-json),url_enc]
            http-request set-header X-Conv-Arith %[var(txn.path_len),mul(3),sub(1),div(2)]
            http-request set-header X-Conv-Mod %[var(txn.path_len),mod(4),neg]
            http-request set-header X-Conv-Concat %[var(txn.host),concat(<,txn.first,>)]
            http-request set-header X-Vars first=%[var(txn.first)];empty=%[var(txn.empty)];fe=%[fe_name]
            http-request set-header X-Last %[req.hdr(x-multi)]
            http-request replace-header X-Rep ^(a+)-(.*)$ \2-\1
            http-request replace-value X-List ^v(.*)$ w\1
            http-request set-header X-Sess %[var(sess.count)]
            http-request del-header X-Secret
            http-request allow if { path /allow }
            http-request set-header X-After-Allow yes
            http-request set-header X-Upper-Match yes if { req.hdr(host),lower -m str example.com }
            http-after-response set-header X-After-F %[status]
            http-response set-header X-Order frontend
            http-response set-header X-Host %[var(txn.host)]
            http-response add-header X-Status-Was %[status]
            http-response set-header X-Req-Scope [%[var(req.gone)]]
            default_backend b
        backend b
            http-request set-var(req.gone) str(here)
            http-request set-header X-Be %[be_name]
            http-request deny if { path /deny }
            http-request return status 200 content-type text/plain string hello hdr X-Ret "%[path]-%[var(txn.host)] 100%%" if { path /ret }
            http-response set-header X-Order backend
            http-response set-header X-Upstream %[res.hdr(x-server),lower]
            http-response del-header X-Internal
            http-response replace-value Cache-Control ^private$ public
            http-response set-status 299 reason "Rules Were Here" if { var(txn.path) -m str /status }
            http-response set-status 404 if { res.hdr(x-server) -m str NotFound }
            http-response deny if { var(txn.path) -m str /deny-response }
            http-response deny deny_status 503 if { var(txn.path) -m str /deny-503 }
            http-after-response set-header X-After-B backend
            http-after-response del-header X-Status-Was if { status 403 }
            server s \#(server)

        """#
    }

    static let requests: [String] = [
        "GET /a/b/c?q=hello%20world&z=1 HTTP/1.1\r\nHost: Example.COM\r\nX-Json: say \"hi\"\r\nX-Rep: aaa-rest\r\n"
            + "X-List: v1, v2,x3\r\nX-Secret: s\r\nX-Multi: one\r\nX-Multi: two\r\n\r\n"
            + "GET /status HTTP/1.1\r\nHost: a\r\n\r\nGET /nf HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /allow HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /deny HTTP/1.1\r\nHost: a\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /ret HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /deny-response HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /deny-503 HTTP/1.0\r\n\r\n",
        "GET /nf HTTP/1.0\r\nHost: a\r\n\r\n",
        "GET /bla+%20?foo%3Dbar%2B42+42%20 HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    func testRulesMatchHAProxy() async throws {
        let replies = Self.replies, reply = Self.serverReply
        let pair = try await ProxyPair(Self.config) { path in replies[path] ?? reply }
        var disagreements: [String] = []
        for request in Self.requests {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// Request-line rewrites, cookies, `set-var-fmt`, `http_first_req` and `capture.req.*`.
    static func requestLineConfig(_ port: Int, _ server: String) -> String {
        #"""
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\#(port)
            http-request set-var-fmt(txn.line) %[method]:%[path]:%[query]
            http-request set-header X-First %[http_first_req]
            http-request set-header X-Cookie %[req.cook(b)]-%[req.cook_cnt()]-%[req.cook_val(n),add(1)]
            http-request set-header X-Cookie-First %[req.cook()]-%[req.cook_val()]-%[req.cook_val(n)]
            http-request set-header X-Iif %[req.hdr_cnt(x-flag),iif(yes,no)]
            http-request set-header X-Bytes %[path,bytes(1,3)]-%[str(aGk),b64dec]
            http-request set-header X-Ub64 %[str(aGk_Pz4-),ub64dec]|%[str(aGk),ub64dec]|%[str(aGk_Pz4-),ub64dec,ub64enc]
            http-request set-header X-Decoded %[url_param(d),url_dec]
            http-request del-header x-beg -m beg
            http-request del-header END1 -m end
            http-request del-header sub -m sub
            http-request del-header ^x.reg.$ -m reg
            http-request del-header zz -m reg
            http-request del-header Exact -m str
            http-request set-method POST if { path_beg /method }
            http-request set-path /new%[path] if { path_beg /path }
            http-request set-query q=%[query]&added=1 if { path_beg /query }
            http-request set-query %[str()] if { path_beg /noquery }
            http-request set-uri /uri?x=%[path] if { path_beg /uri }
            http-request replace-path ^/rp/(.*)$ /replaced/\1 if { path_beg /rp/ }
            http-request replace-uri ^/ru/([^?]*)(.*)$ /u/\1\2&r=1 if { path_beg /ru/ }
            http-request set-pathq /pq if { path_beg /setpq }
            http-request set-header X-After %[var(txn.line)]|%[pathq]
            http-response set-header X-Captured %[capture.req.method]-%[capture.req.uri]-%[capture.req.ver]
            default_backend b
        backend b
            server s \#(server)

        """#
    }

    static let requestLineRequests: [String] = [
        "GET /method/x HTTP/1.1\r\nHost: a\r\nCookie: a=1; b=two; n=41\r\nX-Flag: 1\r\n\r\nGET /path/y?k=v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /query?k=v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /noquery?k=v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /uri/z?k=v HTTP/1.0\r\n\r\n",
        "GET /rp/a/b?k=v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /ru/a/b?k=v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET http://a.example/path/abs?k=v HTTP/1.1\r\nHost: a.example\r\n\r\n",
        "GET /setpq?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /dec?d=a%0D%0AEvil:%201%00 HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /del HTTP/1.1\r\nHost: a\r\nX-Beg-1: a\r\nx-BEG2: b\r\nA-End1: c\r\nHas-Sub-Here: d\r\nX-Reg-: e\r\nX-REGx: f\r\n"
            + "Other-X-Reg-Name: g\r\nAzzB: h\r\nexact: i\r\nExactly: j\r\n\r\n",
    ]

    func testRequestLineRewritesMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.requestLineConfig) { _ in .ok }
        var disagreements: [String] = []
        for request in Self.requestLineRequests {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// `tcp-request connection` and `content` rules in HTTP mode, with variables they set;
    /// `http-request reject`; the answering server's name and id.
    static func tcpRulesConfig(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            tcp-request inspect-delay 1s
            tcp-request connection set-var(sess.conn) str(c1)
            tcp-request connection reject if { src 10.0.0.0/8 }
            tcp-request content set-var(txn.ct) str(content)
            tcp-request content reject if { req.hdr(x-block) -m found }
            tcp-request content accept if { path /acc }
            tcp-request content set-var(txn.after) str(yes)
            http-request set-header X-Vars %[var(sess.conn)]-%[var(txn.ct)]-%[var(txn.after)]
            http-request reject if { path /reject }
            http-response set-header X-Server %[srv_name]-%[srv_id]
            default_backend b
        backend b
            server s \(server)

        """
    }

    func testTCPRequestRulesMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.tcpRulesConfig) { _ in .ok }
        var disagreements: [String] = []
        for request in ["GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /acc HTTP/1.1\r\nHost: a\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nX-Block: 1\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-Block: 1\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /reject HTTP/1.1\r\nHost: a\r\n\r\n"] {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// A `mode tcp` frontend that rejects every connection: both close it without a byte.
    func testTCPConnectionRejectMatchesHAProxy() async throws {
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode tcp
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            listen l
                bind 127.0.0.1:\(port)
                tcp-request connection reject if { src 127.0.0.0/8 }
                server s \(server)

            """
        }) { _ in .ok }
        let (haproxy, engine) = pair.exchange(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        await pair.shutdown()
        XCTAssertEqual(haproxy, engine)
        XCTAssertEqual(engine.raw, "")
        XCTAssertTrue(engine.closed)
        XCTAssertEqual(engine.backend, [])
    }

    /// `errorfile` pages: the frontend's, the backend's once it was chosen, one without a length
    /// (the connection closes after it), one with, and an empty one (closed without an answer).
    func testErrorFilesMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-errorfiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "fe403": "HTTP/1.0 403 Forbidden\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Err: fe\r\n\r\nno entry\n",
            "be403": "HTTP/1.1 403 Go Away\r\nContent-Length: 7\r\nX-Err: be\r\n\r\nno way\n",
            "empty": "",
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                errorfile 403 \(directory.path)/fe403
                errorfile 404 \(directory.path)/empty
                errorfile 500 /dev/null
                http-request deny deny_status 500 if { path /null }
                http-request deny if { path /deny }
                http-request deny deny_status 404 if { path /empty }
                use_backend b if { path_beg /b }
            backend b
                errorfile 403 \(directory.path)/be403
                http-request deny if { path /b/deny }
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        let next = "GET /b/ok HTTP/1.1\r\nHost: a\r\n\r\n"
        for request in ["GET /deny HTTP/1.1\r\nHost: a\r\n\r\n" + next, "GET /b/deny HTTP/1.1\r\nHost: a\r\n\r\n" + next,
                        "GET /empty HTTP/1.1\r\nHost: a\r\n\r\n" + next, "GET /null HTTP/1.1\r\nHost: a\r\n\r\n" + next] {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// `proc` variables live across connections, `sess` ones only within one.
    func testProcessAndSessionVariablesMatchHAProxy() async throws {
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                http-request set-var(proc.hits) var(proc.hits),add(1) if { var(proc.hits) -m found }
                http-request set-var(proc.hits) int(1) unless { var(proc.hits) -m found }
                http-request set-var(sess.hits) var(sess.hits),add(1) if { var(sess.hits) -m found }
                http-request set-var(sess.hits) int(1) unless { var(sess.hits) -m found }
                http-request unset-var(proc.hits) if { path /reset }
                http-request set-header X-Hits proc=%[var(proc.hits)];sess=%[var(sess.hits)]
                http-request set-var(txn.gt) int(5)
                http-request set-var(txn.gt,ifgt) int(3)
                http-request set-var(txn.lt) int(5)
                http-request set-var(txn.lt,iflt) int(3)
                http-request set-var(txn.mixed) str(5)
                http-request set-var(txn.mixed,ifgt) int(9)
                http-request set-var(txn.gone) str(x)
                http-request unset-var(txn.gone)
                http-request set-var(txn.gone,ifexists,ifnotset) str(back)
                http-request set-var(proc.fresh,ifexists) str(proc-exists)
                http-request set-var(txn.never,ifexists) str(no)
                http-request set-header X-Conds %[var(txn.gt)]/%[var(txn.lt)]/%[var(txn.mixed)]/%[var(txn.gone)]/%[var(proc.fresh)]/%[var(txn.never)]
                default_backend b
            backend b
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        let two = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"
        for request in [two, two, "GET /reset HTTP/1.1\r\nHost: a\r\n\r\n", two] {
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            if haproxy != engine { disagreements.append("\(request.debugDescription):\n  haproxy \(haproxy)\n  engine  \(engine)") }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// The client's bytes with header names in lower case.
    static func normalised(_ raw: String) -> String {
        raw.components(separatedBy: "\r\n").map { line in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("HTTP/"), !line[..<colon].contains(" ") else { return line }
            return line[..<colon].lowercased() + line[colon...]
        }.joined(separator: "\r\n")
    }
}
