import Foundation
import XCTest

/// `set-var` and `set-var-fmt` in the `global` section (the `proc` variables
/// HAProxy sets once at start, each line reading those above it), read by
/// `tcp-request session|content` and `http-request` rules, and the
/// `uuid()` fetch, run by the real haproxy 2.6 and by the engine on the same
/// configuration. A UUID is random, so both answers have theirs replaced by a
/// marker once its form (version 4, lower case) is checked.
final class GlobalVariableDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ server: String) -> String {
        """
        global
            set-var proc.int12 int(12)
            set-var proc.int5  var(proc.str60,60),div(proc.int12)
            set-var proc.str1  str("this is")
            set-var proc.str2  str("a string")
            set-var proc.str   var(proc.str1)
            set-var-fmt proc.str "%[var(proc.str)] a string"
            set-var proc.uuid  uuid()
            set-var proc.bin   bin(41420043),hex
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\(port)
            tcp-request session set-var-fmt(sess.str3) "%[var(proc.str1)] %[var(proc.str2)]"
            tcp-request session set-var(sess.int5) var(proc.int5)
            tcp-request content set-var-fmt(req.str4) "%[var(sess.str3),regsub(is a,is also a)]"
            http-request set-var-fmt(txn.str5) "%[var(req.str4)]"
            http-request set-var(req.int5) var(sess.int5)
            http-request set-var(sess.int5) var(sess.int5),add(req.int5)
            http-request set-var(txn.count) var(proc.int5),add(proc.int12)
            http-request return status 200 hdr x-var "proc=%[var(proc.int5)] sess=%[var(sess.int5)] req=%[var(req.int5)] str=%[var(proc.str)] str5=%[var(txn.str5)] count=%[var(txn.count)] bin=%[var(proc.bin)]" hdr x-uuid "%[var(proc.uuid)]" hdr x-fresh "%[uuid()]"

        """
    }

    static let uuid = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")

    /// The answer with every version 4 UUID replaced by a marker.
    static func masked(_ raw: String) -> String {
        let whole = NSRange(raw.startIndex..., in: raw)
        return uuid.stringByReplacingMatches(in: raw, range: whole, withTemplate: "<uuid>")
    }

    func testGlobalVariablesMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for _ in 0..<2 {
            let request = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"
            let (haproxy, engine) = pair.exchange(Array(request.utf8))
            let left = Self.masked(HTTPRuleLanguageDifferentialTests.normalised(haproxy.raw))
            let right = Self.masked(HTTPRuleLanguageDifferentialTests.normalised(engine.raw))
            XCTAssertTrue(right.contains("x-uuid: <uuid>") && right.contains("x-fresh: <uuid>"), right)
            if haproxy != engine || left != right {
                disagreements.append("haproxy raw \(left.debugDescription)\n  engine raw  \(right.debugDescription)")
            }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
