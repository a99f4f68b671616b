import Foundation
import XCTest

/// HTTP compression compared with the real haproxy 2.6 on the same
/// configuration: for each request and response, whether the response is
/// compressed, the headers the client receives, the body once de-chunked and
/// decoded by the real tools, and what the server receives (`compression offload`).
final class CompressionDifferentialTests: XCTestCase {
    /// One exchange: the request, and whether haproxy compresses the answer (checked too, so a case cannot pass by both proxies doing nothing).
    struct Case {
        var name: String
        var request: String
        var compressed: Bool
    }

    static let json = Array(("{\"items\":[" + (0..<400).map { "{\"id\":\($0),\"name\":\"item \($0)\"}" }.joined(separator: ",") + "]}").utf8)

    static func reply(_ head: String, body: [UInt8]? = json, close: Bool = false) -> ScriptedBackend.Reply {
        let body = body ?? []
        return .init(bytes: Array((head + "Content-Length: \(body.count)\r\n\r\n").utf8) + body, close: close)
    }

    static let replies: [String: ScriptedBackend.Reply] = [
        "/json": reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"),
        "/html-charset": reply("HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; charset=utf-8\r\n"),
        "/created": reply("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"),
        "/203": reply("HTTP/1.1 203 Non-Authoritative\r\nContent-Type: application/json\r\n"),
        "/404": reply("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"),
        "/206": reply("HTTP/1.1 206 Partial Content\r\nContent-Type: application/json\r\nContent-Range: bytes 0-9/100\r\n"),
        "/br": reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: br\r\n"),
        "/no-transform": reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: public, No-Transform\r\n"),
        "/cache-public": reply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: public, max-age=60\r\n"),
        "/png": reply("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"),
        "/no-type": reply("HTTP/1.1 200 OK\r\n"),
        "/strong-etag": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: \"abc\"\r\n"),
        "/weak-etag": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: W/\"abc\"\r\n"),
        "/two-etags": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: \"a\"\r\nETag: \"b\"\r\n"),
        "/bad-etag": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: abc\r\n"),
        "/vary": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nVary: Origin\r\n"),
        "/tiny": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", body: Array("ok".utf8)),
        "/empty": reply("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", body: []),
        "/204": .init("HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\n\r\n"),
        "/http10": reply("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n", close: true),
        "/until-close": .init(bytes: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".utf8) + json, close: true),
        "/chunked": .init(bytes: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                          + chunked(json, pieces: 7) + Array("0\r\n\r\n".utf8)),
        "/trailers": .init(bytes: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                           + chunked(json, pieces: 3) + Array("0\r\nX-Checksum: 42\r\n\r\n".utf8)),
    ]

    static func chunked(_ body: [UInt8], pieces: Int) -> [UInt8] {
        let size = (body.count + pieces - 1) / pieces
        return stride(from: 0, to: body.count, by: size).flatMap { start -> [UInt8] in
            let piece = body[start..<min(start + size, body.count)]
            return Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
        }
    }

    static func get(_ path: String, _ headers: String = "Accept-Encoding: gzip, deflate\r\n", method: String = "GET",
                    version: String = "HTTP/1.1") -> String {
        "\(method) \(path) \(version)\r\nHost: a\r\n\(headers)Connection: close\r\n\r\n"
    }

    static let cases: [Case] = [
        Case(name: "JSON, gzip accepted", request: get("/json"), compressed: true),
        Case(name: "no Accept-Encoding", request: get("/json", ""), compressed: false),
        Case(name: "br only", request: get("/json", "Accept-Encoding: br\r\n"), compressed: false),
        Case(name: "gzip;q=0", request: get("/json", "Accept-Encoding: gzip;q=0, br\r\n"), compressed: false),
        Case(name: "star", request: get("/json", "Accept-Encoding: *\r\n"), compressed: true),
        Case(name: "GZIP in capitals, two headers", request: get("/json", "Accept-Encoding: br\r\nAccept-Encoding: GZIP;q=0.5\r\n"),
             compressed: true),
        Case(name: "HTTP/1.0 request", request: get("/json", version: "HTTP/1.0"), compressed: false),
        Case(name: "HEAD", request: get("/json", method: "HEAD"), compressed: false),
        Case(name: "old Mozilla/4", request: get("/json", "Accept-Encoding: gzip\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)\r\n"),
             compressed: false),
        Case(name: "MSIE 7 as Mozilla/4", request: get("/json", "Accept-Encoding: gzip\r\nUser-Agent: Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)\r\n"),
             compressed: true),
        Case(name: "Content-Type with charset, any case", request: get("/html-charset"), compressed: true),
        Case(name: "201", request: get("/created"), compressed: true),
        Case(name: "203", request: get("/203"), compressed: true),
        Case(name: "404", request: get("/404"), compressed: false),
        Case(name: "206", request: get("/206"), compressed: false),
        Case(name: "already encoded", request: get("/br"), compressed: false),
        Case(name: "Cache-Control no-transform", request: get("/no-transform"), compressed: false),
        Case(name: "Cache-Control without no-transform", request: get("/cache-public"), compressed: true),
        Case(name: "type not listed", request: get("/png"), compressed: false),
        Case(name: "no Content-Type with a type list", request: get("/no-type"), compressed: false),
        Case(name: "strong ETag made weak", request: get("/strong-etag"), compressed: true),
        Case(name: "weak ETag kept", request: get("/weak-etag"), compressed: true),
        Case(name: "two ETags", request: get("/two-etags"), compressed: false),
        Case(name: "malformed ETag", request: get("/bad-etag"), compressed: false),
        Case(name: "Vary appended", request: get("/vary"), compressed: true),
        Case(name: "2-byte body", request: get("/tiny"), compressed: true),
        Case(name: "Content-Length 0", request: get("/empty"), compressed: false),
        Case(name: "204", request: get("/204"), compressed: false),
        Case(name: "HTTP/1.0 response", request: get("/http10"), compressed: false),
        Case(name: "body until close", request: get("/until-close"), compressed: false),
        Case(name: "chunked response", request: get("/chunked"), compressed: true),
        Case(name: "chunked response with trailers", request: get("/trailers"), compressed: true),
    ]

    static func config(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
            compression algo gzip
        frontend f
            bind 127.0.0.1:\(port)
            compression type text/html text/plain application/json
            default_backend b
        backend b
            server s \(server)

        """
    }

    func testCompressionDecisionsAndHeadersMatchHAProxy() async throws {
        let replies = Self.replies
        let pair = try await ProxyPair(Self.config) { path in replies[path] ?? .ok }
        var disagreements: [String] = []
        for item in Self.cases {
            let haproxy = try CompressedReply.fetch(port: pair.haproxyPort, item.request)
            let engine = try CompressedReply.fetch(port: pair.enginePort, item.request)
            if haproxy != engine { disagreements.append("\(item.name):\n  haproxy \(haproxy)\n  engine  \(engine)") }
            if (haproxy.contentEncoding == "gzip") != item.compressed {
                disagreements.append("\(item.name): haproxy \(haproxy.contentEncoding == nil ? "did not compress" : "compressed"), the case says otherwise")
            }
            let path = String(item.request.split(separator: " ")[1])
            if item.request.hasPrefix("GET"), ["/json", "/chunked", "/trailers", "/strong-etag"].contains(path) {
                XCTAssertEqual(engine.body, Self.json, item.name)
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    static func offloadConfig(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            compression algo gzip
            default_backend b
        backend b
            compression algo gzip deflate
            compression offload
            server s \(server)

        """
    }

    /// The backend's algorithms win over the frontend's; offload removes `Accept-Encoding` toward the server.
    func testOffloadAndAlgorithmChoiceMatchHAProxy() async throws {
        let replies = Self.replies
        let pair = try await ProxyPair(Self.offloadConfig) { path in replies[path] ?? .ok }
        let cases: [(String, String, String?)] = [
            ("deflate first", Self.get("/json", "Accept-Encoding: deflate, gzip\r\n"), "deflate"),
            ("higher q wins", Self.get("/json", "Accept-Encoding: deflate;q=0.5, gzip;q=0.8\r\n"), "gzip"),
            ("star takes the last configured", Self.get("/json", "Accept-Encoding: *\r\n"), "deflate"),
            ("no match keeps the header", Self.get("/json", "Accept-Encoding: br\r\n"), nil),
        ]
        var disagreements: [String] = []
        for (name, request, expected) in cases {
            let haproxy = try CompressedReply.fetch(port: pair.haproxyPort, request)
            let engine = try CompressedReply.fetch(port: pair.enginePort, request)
            usleep(50_000)
            let sent = (pair.haproxyBackend.takeRequests(), pair.engineBackend.takeRequests())
            if haproxy != engine { disagreements.append("\(name):\n  haproxy \(haproxy)\n  engine  \(engine)") }
            if sent.0 != sent.1 { disagreements.append("\(name): server got\n  haproxy \(sent.0)\n  engine  \(sent.1)") }
            if haproxy.contentEncoding != expected { disagreements.append("\(name): haproxy sent \(haproxy.contentEncoding ?? "none")") }
            XCTAssertEqual(engine.body, Self.json, name)
            XCTAssertEqual(sent.1.first?.contains("accept-encoding") ?? true, expected == nil, "\(name): \(sent.1)")
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    static func identityConfig(_ port: Int, _ server: String) -> String {
        """
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        listen l
            bind 127.0.0.1:\(port)
            compression algo raw-deflate identity
            server s \(server)

        """
    }

    /// `raw-deflate` is announced as `deflate`; `identity` answers what nothing else matches, re-chunked, without Content-Encoding.
    func testRawDeflateAndIdentityMatchHAProxy() async throws {
        let replies = Self.replies
        let pair = try await ProxyPair(Self.identityConfig) { path in replies[path] ?? .ok }
        var disagreements: [String] = []
        for request in [Self.get("/json", "Accept-Encoding: deflate\r\n"), Self.get("/json", "Accept-Encoding: br\r\n"),
                        Self.get("/json", ""), Self.get("/strong-etag", "Accept-Encoding: identity\r\n")] {
            let haproxy = try CompressedReply.fetch(port: pair.haproxyPort, request)
            let engine = try CompressedReply.fetch(port: pair.enginePort, request)
            if haproxy != engine { disagreements.append("\(request):\n  haproxy \(haproxy)\n  engine  \(engine)") }
            XCTAssertEqual(engine.body, Self.json)
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
