@testable import ProxyEngine
import WeirTestSupport
import XCTest

/// `table_expire` and `table_idle` in the real haproxy 2.6 and in the engine: an entry's remaining and idle
/// milliseconds right after a request touched it and after 1.5 s without use, the default for a key without an
/// entry, and a failed converter without a default (nothing in the answer, in both).
final class StickTimingConverterDifferentialTests: XCTestCase {
    static func config(_ port: Int, _ servers: [Int], socket: String?) -> String {
        """
        global
            nbthread 1
        \(socket.map { "    stats socket \($0) level admin" } ?? "")
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind 127.0.0.1:\(port)
            http-request track-sc0 hdr(x-key) table keys if { hdr(x-key) -m found }
            http-request return status 200 content-type text/plain lf-string "%[str(k),table_expire(keys,-1)] %[str(k),table_idle(keys,-1)] %[str(absent),table_expire(keys,-7)] %[str(absent),table_idle(keys)]"
            default_backend app
        backend keys
            stick-table type string len 32 size 1k expire 10s store http_req_cnt
        backend app
            server s1 127.0.0.1:\(servers[0])

        """
    }

    func testRemainingAndIdleTimesAgreeWithHAProxy() async throws {
        let pair = try await TablePair(servers: ["s1"], Self.config)
        let ports = [pair.haproxyPort, pair.enginePort]
        let before = ports.map { Self.numbers(Self.body($0, key: nil)) }
        let touched = ports.map { Self.numbers(Self.body($0, key: "k")) }
        try await Task.sleep(for: .milliseconds(1_500))
        let later = ports.map { Self.numbers(Self.body($0, key: nil)) }
        for (index, name) in ["haproxy", "engine"].enumerated() {
            XCTAssertEqual(before[index].text, "-1 -1 -7 ", "\(name) before any entry")
            XCTAssertTrue(touched[index].text.hasSuffix(" -7 "), "\(name): the absent key: \(touched[index].text)")
            let (expire, idle) = (touched[index].values[0], touched[index].values[1])
            XCTAssertTrue((9_500...10_000).contains(expire) && (0...500).contains(idle), "\(name) just touched: \(touched[index].words)")
            let (expireLater, idleLater) = (later[index].values[0], later[index].values[1])
            XCTAssertTrue((8_000...8_600).contains(expireLater), "\(name) 1.5 s later: \(later[index].words)")
            XCTAssertTrue((1_400...2_000).contains(idleLater), "\(name) 1.5 s later: \(later[index].words)")
        }
        await pair.shutdown()
    }

    /// The answer, its words, and those that are numbers.
    private static func numbers(_ text: String) -> (text: String, words: [String], values: [Int]) {
        let words = text.split(separator: " ").map(String.init)
        return (text, words, words.compactMap { Int($0) })
    }

    private static func body(_ port: Int, key: String?) -> String {
        let header = key.map { "X-Key: \($0)\r\n" } ?? ""
        let (text, _) = ProxyPair.send(Array("GET / HTTP/1.1\r\nHost: a\r\n\(header)Connection: close\r\n\r\n".utf8), port: port, settle: 2)
        return text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }
}
