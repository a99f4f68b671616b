import Foundation
import XCTest

/// `http-request return` with each payload form (none, `string`, `lf-string`, `file`, `lf-file`, an empty file)
/// run by the real haproxy 2.6 and by the engine: the same answers byte for byte (header names compared without
/// case), `content-type` left out when there is no payload or it is empty, a header
/// whose value renders empty left out.
final class ReturnPayloadDifferentialTests: XCTestCase {
    func testReturnPayloadsMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-return-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path
        try String(repeating: "0123456789abcdef", count: 64).write(toFile: "\(path)/1k.txt", atomically: true, encoding: .utf8)
        try "path is %[url]\n".write(toFile: "\(path)/lf-file.txt", atomically: true, encoding: .utf8)
        try "".write(toFile: "\(path)/empty.txt", atomically: true, encoding: .utf8)
        let pair = try await ProxyPair({ port, server in
            """
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                http-request return if { path /def-1 }
                http-request return hdr "x-custom-hdr" "%[url]" if { path /def-2 }
                http-request return status 403 if { path /def-3 }
                http-request return content-type "text/plain" if { path /def-4 }
                http-request return content-type "text/plain" string "hello" hdr "x-custom-hdr" "%[url]" if { path /string }
                http-request return content-type "text/plain" lf-string "path is %[url]" hdr "x-custom-hdr" "%[url]" if { path /lf-string }
                http-request return content-type "text/plain" file /dev/null hdr "x-custom-hdr" "%[url]" if { path /dev-null }
                http-request return content-type "text/plain" file \(path)/empty.txt if { path /empty-file }
                http-request return content-type "text/plain" file \(path)/1k.txt hdr "x-custom-hdr" "%[url]" if { path /file }
                http-request return status 201 content-type "text/plain" lf-file \(path)/lf-file.txt hdr "x-custom-hdr" "%[url]" if { path /lf-file }
                http-request return status 200 hdr x-empty "%[req.hdr(nope)]" hdr x-set lit if { path /empty-hdr }
                default_backend b
            backend b
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        for target in ["/def-1", "/def-2", "/def-3", "/def-4", "/string", "/lf-string", "/dev-null", "/empty-file", "/file", "/lf-file", "/empty-hdr"] {
            let request = "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n"
            if let disagreement = pair.disagreement(request, requireAnswer: true) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
