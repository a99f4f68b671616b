import Foundation
import XCTest

/// `http-errors` sections imported with `errorfiles NAME [STATUS…]` and `http-error status N errorfile|errorfiles|
/// default-errorfiles`, mixed with `errorfile` lines in `defaults` and in the sections, run by the real haproxy
/// 2.6 and by the engine: the same page for every status (the last line for a status wins, the defaults' lines
/// coming first), byte for byte with header names compared without case.
final class ErrorFilesSectionDifferentialTests: XCTestCase {
    func testErrorPagesFromHTTPErrorsSectionsMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-http-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for set in ["default", "one", "two", "three"] {
            for status in [400, 403, 404, 500] {
                let page = "HTTP/1.1 \(status) Page\r\nContent-Length: \(set.count + 1)\r\nX-Err-Type: \(set)\r\n\r\n\(set)\n"
                try page.write(to: directory.appendingPathComponent("\(status)-\(set).http"), atomically: true, encoding: .utf8)
            }
        }
        let path = directory.path
        let pair = try await ProxyPair({ port, server in
            """
            http-errors one
                errorfile 400 \(path)/400-one.http
                errorfile 403 \(path)/403-one.http
                errorfile 404 \(path)/404-one.http
                errorfile 500 \(path)/500-one.http
            http-errors two
                errorfile 400 \(path)/400-two.http
                errorfile 403 \(path)/403-two.http
                errorfile 404 \(path)/404-two.http
            http-errors three
                errorfile 400 \(path)/400-three.http
                errorfile 404 \(path)/404-three.http
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
                errorfiles two
                errorfile 400 \(path)/400-default.http
                errorfile 404 \(path)/404-default.http
            frontend f
                bind 127.0.0.1:\(port)
                http-request deny deny_status 400 if { path /f/400 }
                http-request deny if { path /f/403 }
                http-request deny deny_status 404 if { path /f/404 }
                http-request deny deny_status 500 if { path /f/500 }
                use_backend all if { path_beg /all/ }
                use_backend picked if { path_beg /picked/ }
                use_backend status if { path_beg /status/ }
            backend all
                errorfiles one
                errorfile 500 \(path)/500-default.http
                http-request deny deny_status 400 if { path /all/400 }
                http-request deny if { path /all/403 }
                http-request deny deny_status 404 if { path /all/404 }
                http-request deny deny_status 500 if { path /all/500 }
                server s \(server)
            backend picked
                errorfile 500 \(path)/500-default.http
                errorfiles one 500
                errorfiles three 400
                http-request deny deny_status 400 if { path /picked/400 }
                http-request deny if { path /picked/403 }
                http-request deny deny_status 404 if { path /picked/404 }
                http-request deny deny_status 500 if { path /picked/500 }
                server s \(server)
            backend status
                http-error status 403 default-errorfiles
                http-error status 404 errorfiles one
                http-error status 500 errorfile \(path)/500-three.http
                http-request deny deny_status 400 if { path /status/400 }
                http-request deny if { path /status/403 }
                http-request deny deny_status 404 if { path /status/404 }
                http-request deny deny_status 500 if { path /status/500 }
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        for prefix in ["f", "all", "picked", "status"] {
            for status in [400, 403, 404, 500] {
                let request = "GET /\(prefix)/\(status) HTTP/1.1\r\nHost: a\r\n\r\n"
                if let disagreement = pair.disagreement(request, requireAnswer: true) { disagreements.append(disagreement) }
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }

    /// `deny` and `return` naming a page: `errorfile FILE`, `errorfiles NAME`, `default-errorfiles`; a `deny` with a
    /// reply of its own (`status`, `hdr`, `content-type`, `string`, `lf-file`).
    func testDenyAndReturnWithAPageMatchHAProxy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-rule-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, status) in [("400-proxy", 400), ("400-file", 400), ("400-set", 400), ("404-set", 404), ("403-file", 403)] {
            let page = "HTTP/1.1 \(status) Page\r\nContent-Length: \(name.count)\r\nX-Err-Type: \(name)\r\n\r\n\(name)"
            try page.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let path = directory.path
        try "denied %[path]\n".write(toFile: "\(path)/lf-403", atomically: true, encoding: .utf8)
        let pair = try await ProxyPair({ port, server in
            """
            http-errors set
                errorfile 400 \(path)/400-set
                errorfile 404 \(path)/404-set
                errorfile 500 /dev/null
            defaults
                mode http
                timeout connect 1s
                timeout client 3s
                timeout server 2s
            frontend f
                bind 127.0.0.1:\(port)
                errorfile 400 \(path)/400-proxy
                http-request return status 400 default-errorfiles if { path /return-default }
                http-request return status 400 errorfile \(path)/400-file if { path /return-file }
                http-request return status 404 errorfiles set if { path /return-set }
                http-request return status 403 default-errorfiles if { path /return-builtin }
                http-request deny deny_status 403 errorfile \(path)/403-file if { path /deny-file }
                http-request deny deny_status 404 errorfiles set if { path /deny-set }
                http-request deny status 400 default-errorfiles if { path /deny-default }
                http-request deny deny_status 500 errorfiles set if { path /deny-empty }
                http-request deny status 500 hdr x-err-info "path=%[path]" content-type "text/plain" string "Internal Error" if { path /deny-reply }
                http-request deny hdr x-err-info "path=%[path]" content-type "text/plain" lf-file \(path)/lf-403 if { path /deny-lf }
                default_backend b
            backend b
                server s \(server)

            """
        }) { _ in .ok }
        var disagreements: [String] = []
        let next = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"
        for target in ["/return-default", "/return-file", "/return-set", "/return-builtin", "/deny-file", "/deny-set",
                       "/deny-default", "/deny-empty", "/deny-reply", "/deny-lf"] {
            let request = "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n" + next
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
