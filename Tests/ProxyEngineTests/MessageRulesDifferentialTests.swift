import Foundation
import XCTest

/// Malformed and borderline HTTP/1 messages sent to the real haproxy 2.6 and
/// to the engine on the same configuration, each in front of the same
/// scripted backend: both must answer with the same statuses, keep or close
/// the client connection alike, and forward the same requests (header names
/// compared without case, chunked bodies decoded: see README, "Message rules").
final class MessageRulesDifferentialTests: XCTestCase {
    /// One message and the defect of probe-results.md it guards against, if any.
    struct Case {
        var name: String
        var bytes: [UInt8]

        init(_ name: String, _ text: String) {
            self.name = name
            self.bytes = Array(text.utf8)
        }

        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    static let replies: [String: ScriptedBackend.Reply] = [
        "/bad-status": .init("HTTP/1.1 abc Not Valid\r\nContent-Length: 2\r\n\r\nok"),
        "/garbage": .init("garbage here\r\n\r\n", close: true),
        "/close": .init("", close: true),
        "/1xx": .init("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
                      + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        "/no-length": .init("HTTP/1.1 200 OK\r\n\r\nuntil close", close: true),
        "/chunked-ext": .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\n\r\n"),
        "/two-cl": .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"),
        "/same-cl": .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok"),
        "/big-head": .init("HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "b", count: 20_000) + "\r\nContent-Length: 2\r\n\r\nok"),
        "/http10": .init("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", close: true),
        "/conn-close": .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", close: true),
        "/204": .init("HTTP/1.1 204 No Content\r\n\r\n"),
        "/cl-long": .init("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 8\r\n"
                          + "X-Poison: yes\r\n\r\npoisoned"),
        "/bad-version": .init("HTTP/1.10 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        "/lf-only": .init("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"),
        "/fold": .init("HTTP/1.1 200 OK\r\nX-Fold: a\r\n b\r\nContent-Length: 2\r\n\r\nok"),
        "/space-name": .init("HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok"),
        "/te-gzip": .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx", close: true),
        "/te-http10": .init("HTTP/1.0 200 Ok\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        "/status-only": .init("HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"),
        "/100-headers": .init("HTTP/1.1 200 OK\r\n" + many(99) + "Content-Length: 2\r\n\r\nok"),
        "/101-headers": .init("HTTP/1.1 200 OK\r\n" + many(100) + "Content-Length: 2\r\n\r\nok"),
        "/bad-chunk": .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", close: true),
        "/cl-and-te": .init("HTTP/1.1 200 OK\r\nContent-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
        "/trailers": .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-T: 1\r\n\r\n"),
        "/304": .init("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"),
        "/empty-reason": .init("HTTP/1.1 404 \r\nContent-Length: 2\r\n\r\nno"),
        "/status-2-digits": .init("HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok"),
        "/status-999": .init("HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\nok"),
        "/status-1000": .init("HTTP/1.1 1000 Odd\r\nContent-Length: 2\r\n\r\nok"),
        "/leading-crlf": .init("\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        "/http10-keep-alive": .init("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"),
        "/1xx-then-garbage": .init("HTTP/1.1 100 Continue\r\n\r\ngarbage\r\n\r\n", close: true),
        "/unsolicited-101": .init("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
    ]

    static func config(_ port: Int, _ server: String) -> String {
        """
        global
            nbthread 1
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
            timeout http-request 2s
        frontend f
            bind 127.0.0.1:\(port)
            default_backend b
        backend b
            server s \(server)

        """
    }

    static let get = "GET / HTTP/1.1\r\nHost: a\r\n"
    static func many(_ count: Int) -> String { (0..<count).map { "X\($0): v\r\n" }.joined() }

    /// Requests, from the request line to the body: probe-results.md §3a and HAProxy's rules.
    static let requests: [Case] = [
        Case("plain GET", get + "\r\n"),
        Case("leading empty lines", "\r\n\r\n" + get + "\r\n"),
        Case("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n"),
        Case("obs-fold", get + "X-Fold: a\r\n b\r\n\r\n"),
        Case("obs-fold on Transfer-Encoding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n"),
        Case("lowercase method", "get / HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("custom method", "FOO / HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("tabs in the request line", "GET\t/\tHTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("HTTP/1.0 without Host (D18)", "GET / HTTP/1.0\r\n\r\n"),
        Case("HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n"),
        Case("HTTP/0.9", "GET /\r\n"),
        Case("HTTP/0.9 POST", "POST /\r\n"),
        Case("HTTP/9.9", "GET / HTTP/9.9\r\nHost: a\r\n\r\n"),
        Case("HTTP/1.10", "GET / HTTP/1.10\r\nHost: a\r\n\r\n"),
        Case("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
        Case("space after the version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"),
        Case("fragment in the target (D18)", "GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("DEL in the target", "GET /a\u{7f} HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("8-bit byte in the target", bytes: Array("GET /caf".utf8) + [0xE9] + Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8)),
        Case("separator in the method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("space in a header name", get + "Bad Name: x\r\n\r\n"),
        Case("empty header name", get + ": x\r\n\r\n"),
        Case("header without colon", "GET / HTTP/1.1\r\nHost a\r\nbroken\r\n\r\n"),
        Case("space before the colon", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n"),
        Case("bare CR in a value", get + "X: a\rb\r\n\r\n"),
        Case("NUL in a value", get + "X: a\u{0}b\r\n\r\n"),
        Case("empty value", get + "X:\r\n\r\n"),
        Case("two equal Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
        Case("Content-Length list 5, 5", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello"),
        Case("two different Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        Case("empty Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n"),
        Case("Content-Length 5,", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5,\r\n\r\nhello"),
        Case("Content-Length -1", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
        Case("Content-Length +5", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello"),
        Case("Content-Length 2^64+5", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551621\r\n\r\nabc"),
        Case("Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n"
             + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("chunked, identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
        Case("identity, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n"),
        Case("chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Case("xchunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc"),
        Case("chunked body", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        Case("chunk size zz", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
        Case("chunk size overflow", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        Case("chunk extension", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\n\r\n"),
        Case("chunk lines with LF only", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n"),
        Case("chunk trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"),
        Case("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"),
        Case("100 KB chunk extension (D12)", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;"
             + String(repeating: "x", count: 100_000) + "\r\nhello\r\n0\r\n\r\n"),
        Case("HTTP/1.0 chunked body", "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        Case("two different Host (D10)", "GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"),
        Case("two equal Host", "GET / HTTP/1.1\r\nHost: a.example\r\nHost: A.example\r\n\r\n"),
        Case("absolute URI against Host (D10)", "GET http://abs.example/abs?q=1 HTTP/1.1\r\nHost: other.example\r\n\r\n"),
        Case("absolute URI matching Host", "GET http://abs.example/abs?q=1 HTTP/1.1\r\nHost: abs.example\r\n\r\n"),
        Case("absolute URI with a port against Host", "GET http://a.example:80/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("absolute URI and Host both with the default port", "GET http://a.example:80/x HTTP/1.1\r\nHost: a.example:80\r\n\r\n"),
        Case("Host with the default port", "GET http://a.example/x HTTP/1.1\r\nHost: a.example:80\r\n\r\n"),
        Case("https absolute URI with 443", "GET https://a.example:443/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("absolute URI with another port", "GET http://a.example:8080/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("upper-case scheme and authority", "GET HTTP://A.example:80/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("empty port", "GET http://a.example:/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("absolute URI without a path", "GET http://a.example HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("absolute URI with user info", "GET http://u:p@a.example/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("absolute URI without Host", "GET http://a.example/x HTTP/1.1\r\n\r\n"),
        Case("Expect: 100-continue", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"),
        Case("two requests, the second HTTP/1.0", get + "\r\nGET /second HTTP/1.0\r\nHost: a\r\n\r\n"),
        Case("100 headers", "GET / HTTP/1.1\r\n" + many(99) + "Host: a\r\n\r\n"),
        Case("101 headers (D12)", "GET / HTTP/1.1\r\n" + many(100) + "Host: a\r\n\r\n"),
        Case("1000 headers (D12)", "GET / HTTP/1.1\r\n" + many(1000) + "Host: a\r\n\r\n"),
        Case("64 KB request line (D12)", "GET /" + String(repeating: "a", count: 65_536) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("20 KB header (D12)", get + "X-Big: " + String(repeating: "b", count: 20_000) + "\r\n\r\n"),
        Case("14 KB header", get + "X-Big: " + String(repeating: "b", count: 14_000) + "\r\n\r\n"),
        Case("three pipelined GETs", "GET /p1 HTTP/1.1\r\nHost: a\r\n\r\nGET /p2 HTTP/1.1\r\nHost: a\r\n\r\nGET /p3 HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("garbage after a body (D16)", "POST /big2 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\nhelloXXXXXXXXXXXX\r\n\r\n"),
        Case("a request after a body", "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("Upgrade without Connection: upgrade", "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n"),
        Case("WebSocket handshake without its key", "GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
        Case("Connection: close", get + "Connection: close\r\n\r\n"),
        Case("Connection: foo, keep-alive", get + "Connection: foo, keep-alive\r\nFoo: 1\r\n\r\n"),
        Case("Keep-Alive and Proxy-Connection", "GET / HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n"
             + "Proxy-Connection: x\r\n\r\n"),
        Case("HEAD", "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("POST with Content-Length 0", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"),
        Case("Content-Length with leading zeros", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\n\r\nhello"),
        Case("Transfer-Encoding: Chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"),
        Case("chunked then gzip on two lines", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n"),
        Case("trailing blanks in a value", get + "X-Pad: a  \t\r\n\r\n"),
        Case("Connection: Keep-Alive on HTTP/1.1", get + "Connection: Keep-Alive\r\n\r\n"),
        Case("empty lines between pipelined requests", get + "\r\n\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("h2c upgrade", get + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n"),
        Case("CONNECT", "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n"),
        Case("CONNECT to port 8443", "CONNECT a.example:8443 HTTP/1.1\r\nHost: a.example:8443\r\n\r\n"),
        Case("CONNECT with Host without port", "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        Case("CONNECT with another Host", "CONNECT a.example:443 HTTP/1.1\r\nHost: b.example:443\r\n\r\n"),
        Case("long method", String(repeating: "M", count: 300) + " / HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
    ]

    /// Responses the scripted server sends back (probe-results.md §3b).
    static let responses: [Case] = replies.keys.sorted().map { path in
        Case("response \(path)", "GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n")
    } + [
        Case("HEAD answered with a length", "HEAD /same-cl HTTP/1.1\r\nHost: a\r\n\r\n"),
        Case("POST answered with an invalid status (D1)", "POST /bad-status HTTP/1.1\r\nHost: a\r\nContent-Length: 15\r\n\r\n{\"charge\": 100}"),
        Case("POST answered by a close (D1)", "POST /close HTTP/1.1\r\nHost: a\r\nContent-Length: 15\r\n\r\n{\"charge\": 100}"),
        Case("1xx then a second request (D18)", "GET /1xx HTTP/1.1\r\nHost: a\r\n\r\nGET /p2 HTTP/1.1\r\nHost: a\r\n\r\n"),
    ]

    func testEngineAgreesWithHAProxyOnEveryMessage() async throws {
        let replies = Self.replies
        // The engine on two event loops (haproxy on the one of `nbthread 1`): consecutive cases cross loops.
        let pair = try await ProxyPair(Self.config, engineThreads: 2) { path in replies[path] ?? .ok }
        var disagreements: [String] = []
        for item in Self.requests + Self.responses {
            let (haproxy, engine) = pair.exchange(item.bytes)
            if haproxy != engine {
                disagreements.append("\(item.name):\n  haproxy \(haproxy)\n  engine  \(engine)\n  haproxy raw \(haproxy.raw.prefix(300).debugDescription)\n  engine raw  \(engine.raw.prefix(300).debugDescription)")
            }
        }
        await pair.shutdown()
        XCTAssertGreaterThanOrEqual(Self.requests.count + Self.responses.count, 60)
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// Edited heads: `option forwardfor` (with `except` and `if-none`), header rules and connection options
    /// reach the backend as haproxy sends them.
    func testEditedHeadsMatchHAProxy() async throws {
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                option forwardfor
                http-request set-header X-Set one
                http-request add-header X-Added two
                http-request del-header X-Secret
                http-request deny if { path /deny }
                http-request return status 200 content-type text/plain string local if { path /ret }
                http-request redirect location /elsewhere if { path /moved }
                use_backend excepted if { path_beg /excepted }
                use_backend ifnone if { path_beg /ifnone }
                use_backend close if { path_beg /close }
                default_backend b
            backend b
                server s \(server)
            backend excepted
                option forwardfor except 127.0.0.0/8
                server s \(server)
            backend ifnone
                option forwardfor header X-Real-IP if-none
                server s \(server)
            backend close
                option http-server-close
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        for target in ["/", "/excepted", "/ifnone", "/close"] {
            for extra in ["", "X-Real-IP: 10.9.9.9\r\nX-Secret: s\r\nX-Set: zero\r\n"] {
                let request = "GET \(target) HTTP/1.1\r\nHost: a\r\n\(extra)\r\n"
                let (haproxy, engine) = pair.exchange(Array(request.utf8))
                if haproxy != engine { disagreements.append("\(request.debugDescription):\n  haproxy \(haproxy)\n  engine  \(engine)") }
            }
        }
        // Requests answered by the rules: their bodies are read away and the connection goes on.
        let next = "GET /after HTTP/1.1\r\nHost: a\r\n\r\n"
        for request in ["POST /deny HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" + next,
                        "POST /ret HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + next,
                        "POST /moved HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" + next,
                        "GET /deny HTTP/1.0\r\n\r\n", "GET /ret HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"] {
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            // Answers made by the proxy itself are compared byte for byte; in the backend's own answer that
            // follows, only the header name's case differs (haproxy lowers it).
            let ownAnswer = { (raw: String) in
                raw.replacingOccurrences(of: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", with: "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n")
            }
            if haproxy != engine || ownAnswer(haproxy.raw) != ownAnswer(engine.raw) {
                disagreements.append("\(request.debugDescription):\n  haproxy \(haproxy) \(haproxy.raw.debugDescription)\n"
                                     + "  engine  \(engine) \(engine.raw.debugDescription)")
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
