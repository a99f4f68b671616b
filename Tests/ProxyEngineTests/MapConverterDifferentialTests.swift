import Foundation
import XCTest

/// The `map_*` converters run by the real haproxy 2.6 and by the engine on the
/// same configuration and map files: every match method (`str`, `beg`, `sub`,
/// `dir`, `dom`, `end`, `reg`, `regm` with back-references, `int`, `ip`), the
/// `int` output, default values, a map in an ACL and in a `set-var`, and converter
/// arguments read as HAProxy reads them (`regsub(:\d+$,,)` keeps its backslash).
/// Each value goes into a request header, so the server must receive the same
/// requests from both proxies and the clients the same responses.
final class MapConverterDifferentialTests: XCTestCase {
    static let words = "b sub-b\nadmin dir-admin\nexample.com dom-example\n.png end-png\nkey last\n"

    static let maps: [String: String] = [
        "hosts.map": """
            # comment line, then a blank one

            example.org https://www.example.org
              example.com    two words value\t 
            dup first
            dup second
            /path/to/old/file  /path/to/new/file
            """,
        "prefixes.map": "/a first-a\n/api api\n/api/v2 api-v2\n/ root\n",
        // One file per method: haproxy 2.6 mixes up the list methods (sub, dir, dom, end) of one file.
        "sub.map": words, "dir.map": words, "dom.map": words, "end.map": words,
        "regex.map": "^/img/(.*)\\.(png|jpg)$ image-\\2-\\1\n^(.*)\\.(.*)$ \\1_AND_\\2\n^/x\\\\ tail\\\\\n",
        "numbers.map": "1 one\n10:20 ten-to-twenty\n42 answer\n",
        "networks.map": "10.0.0.0/8 wide\n10.1.0.0/16 narrow\n127.0.0.1 loopback\n0.0.0.0/0 anywhere\n",
        "ports.map": "http 80\nhttps 443\n",
    ]

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
                http-request set-var(txn.host) req.hdr(host),map(\(directory)/hosts.map) if { req.hdr(host),map_str(\(directory)/hosts.map) -m found }
                http-request set-header X-Str [%[req.hdr(host),map_str(\(directory)/hosts.map)]]|%[var(txn.host)]|%[str(dup),map(\(directory)/hosts.map)]
                http-request set-header X-Default %[req.hdr(host),map(\(directory)/hosts.map,fallback)]|%[path,map_str(\(directory)/hosts.map,"not found")]
                http-request set-header X-Beg %[path,map_beg(\(directory)/prefixes.map,none)]
                http-request set-header X-Sub %[path,map_sub(\(directory)/sub.map,none)]|%[path,map_dir(\(directory)/dir.map,none)]
                http-request set-header X-Dom %[req.hdr(host),map_dom(\(directory)/dom.map,none)]|%[path,map_end(\(directory)/end.map,none)]
                http-request set-header X-Reg %[path,map_reg(\(directory)/regex.map,none)]|%[path,map_regm(\(directory)/regex.map,none)]
                http-request set-header X-Int %[req.hdr(x-n),map_int(\(directory)/numbers.map,none)]
                http-request set-header X-Ip %[req.hdr(x-ip),map_ip(\(directory)/networks.map,none)]|%[src,map_ip(\(directory)/networks.map)]
                http-request set-header X-Unported %[req.hdr(host),lower,regsub(:\\d+$,,),map_str(\(directory)/hosts.map,none)]|%[req.hdr(host),regsub("\\.",_,g)]
                http-request set-header X-Port %[req.hdr(x-scheme),map_str_int(\(directory)/ports.map,0),add(1)]
                http-request deny deny_status 403 if { path,map_beg(\(directory)/prefixes.map) -m str api-v2 }
                default_backend b
            backend b
                server s \(server)

            """
        }
    }

    static let requests: [String] = [
        "GET /a/b.png HTTP/1.1\r\nHost: example.org\r\nX-N: 15\r\nX-Ip: 10.1.2.3\r\nX-Scheme: https\r\n\r\n",
        "GET /img/cat.jpg HTTP/1.1\r\nHost: example.com\r\nX-N: 42\r\nX-Ip: 10.2.3.4\r\nX-Scheme: ftp\r\n\r\n",
        "GET /api/list/admin/x HTTP/1.1\r\nHost: www.example.com\r\nX-N: 1\r\nX-Ip: 192.0.2.1\r\n\r\n",
        "GET /path/to/old/file HTTP/1.1\r\nHost: other\r\nX-N: x\r\n\r\n",
        "GET /api/v2/items HTTP/1.1\r\nHost: example.org\r\n\r\n",
        "GET /x\\y HTTP/1.1\r\nHost: a.b\r\n\r\n",
        "GET /nothing HTTP/1.0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: Example.ORG:8443\r\n\r\n",
    ]

    func testMapConvertersMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in Self.maps {
            try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let pair = try await ProxyPair(Self.config(directory.path)) { _ in .ok }
        var disagreements: [String] = []
        for request in Self.requests {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
