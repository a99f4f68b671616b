import Foundation
import XCTest

/// Single lines of a `listen` section judged by the real `haproxy -c` and by
/// `weir lint`: weir refuses exactly the ones haproxy refuses. The table
/// holds what operators get wrong in ACL patterns, regular expressions,
/// statuses, redirects, TLS listeners and health checks.
final class LineOracleTests: XCTestCase {
    /// One line each: an ACL (with a rule using it), a rule, a bind or a server line.
    static let lines = [
        // Regular expressions that PCRE accepts, then ones it refuses.
        #"acl t path_reg []a]"#, #"acl t path_reg ^/[[:digit:]]+$"#, #"acl t path_reg \Q(\E"#, #"acl t path_reg (?i)^/api"#,
        #"acl t path_reg a*?b++c?+"#, #"acl t path_reg (*UTF)x"#, #"acl t path -m reg x{2,3}"#, #"acl t path_reg \("#,
        #"acl t path_reg ^/(a|b)?$"#, #"acl t path_reg a{,3}"#, #"acl t path_reg [^]]"#,
        #"acl t path_reg (a"#, #"acl t path_reg a)"#, #"acl t path_reg [a"#, #"acl t path -m reg *a"#, #"acl t path_reg a**"#,
        #"acl t path_reg a\\"#, #"acl t path_reg x{3,1}"#, #"acl t path_reg (|*)"#,
        #"http-request replace-path ^/v1/(.*) /v2/\1"#, #"http-request replace-path ^/v1/(.* /v2/\1"#,
        #"http-request replace-header Host ^(a b"#, #"http-response replace-value Set-Cookie [ x"#,
        // Integers.
        "acl t dst_port 80", "acl t dst_port 80:90", "acl t dst_port :90", "acl t dst_port 80:", "acl t dst_port 80-90",
        "acl t dst_port ge 1024", "acl t dst_port 90:80", "acl t dst_port 0x50", "acl t dst_port 1.5", "acl t dst_port +5",
        "acl t path -m len 4:8", "acl t path -m len x", "acl t req_ssl_ver 3.0-3.1",
        // Addresses.
        "acl t src 10.0.0.0/8", "acl t src 10.0.0.1/255.0.0.0", "acl t src ::1", "acl t src fe80::/10", "acl t src 10.0.0",
        "acl t src 010.0.0.7", "acl t src ::ffff:10.0.0.1/96", "acl t src 10.0.0.300", "acl t src 1.2.3.4:80",
        "acl t src 10.0.0.0/33", "acl t src 10.0.0.08", "acl t src 1::2::3", "acl t src fe80::/129",
        // Statuses and redirects.
        "http-request deny deny_status 429", "http-request deny deny_status 999", "http-request return status 200",
        "http-request return status 100", "http-request return status abc", "http-error status 503",
        "http-error status 600", "http-request redirect code 308 location /x", "http-request redirect code 305 location /x",
        "http-request redirect code 301", "http-request redirect scheme https", "redirect prefix /x code 304",
        // Listeners and servers.
        "bind 127.0.0.1:18443 ssl", "bind 127.0.0.1:18443 ssl alpn h2", "server t 127.0.0.1:8081 track s",
        "server t 127.0.0.1:8081 track s check", "server t 127.0.0.1:8081 check rise 0",
        "server t 127.0.0.1:8081 check fall 0", "server t 127.0.0.1:8081 check rise 2 fall 3",
        // Stick tables and hashing.
        "stick-table type ip size 1m expire 10x", "stick-table type ip size 1m store bogus", "stick-table type ipv4 size 1m",
        "stick-table type ip size 1m store http_req_rate", "stick-table type ip size 1m store conn_cur(5)",
        "stick-table type ip size 1m store http_req_rate(10s),gpc(2),gpc_rate(2,1m)",
        "stick-table type string len 32 size 1m expire 30m nopurge", "stick-table type ip expire 30m",
        "stick-table type ip size 1m store gpc", "hash-type bogus", "hash-type consistent sdbm avalanche",
        "hash-type map-based crc32", "hash-type consistent md5",
        // Health checks and variables.
        "server t 127.0.0.1:8081 check inter 0", "server t 127.0.0.1:8081 check inter 0ms", "default-server fastinter 0",
        "server t 127.0.0.1:8081 check inter 1 downinter 5s", "http-check expect status 2xx",
        "http-check expect status 200-299,301", "http-check expect ! status 500", "http-check expect rstatus ^2",
        "http-request set-var(foo) str(x)", "http-request set-var(txn.foo) str(x)", "http-request set-var(txn.a-b) str(x)",
        "http-request set-var-fmt(sess.x) %[src]", "http-request unset-var(req)", "http-request deny if { var(foo) -m found }",
        "http-request deny if { var(txn.foo) -m found }",
        // Logs, agents, rewrites.
        "log 127.0.0.1:514 local9", "log 127.0.0.1:514 local0 debugx", "log 127.0.0.1:514 local0 info err",
        "log 127.0.0.1:514 len 2048 format rfc5424 local1 notice", "log 127.0.0.1:514 local0 info err debug",
        "server t 127.0.0.1:8081 agent-check", "server t 127.0.0.1:8081 agent-check agent-port 9999",
        "http-request set-method", "http-request set-method POST", "http-request set-path /x%[path]",
        // Balancing.
        "balance url_param", "balance url_param userid check_post", "balance url_param userid post", "balance hash",
        "balance hash req.cook(sid)", "balance uri len 5 depth 2", "balance uri bogus", "balance uri len x",
        "balance hdr(host) use_domain_only", "balance hdr(host) bogus",
        // What real configs carry (../shared/reference/realworld-lint.md): words in any order, times and numbers
        // HAProxy reads with a warning or silently, removed directives, servers without an address or port.
        "redirect code 301 prefix / drop-query append-slash", "redirect code 301 drop-query", "timeout client 15min",
        "timeout client 10S", "timeout client 1m30s", "maxconn 10k", "retries 3x", "contimeout 5s", "reqadd X-A:\\ b",
        "block if { src 10.0.0.0/8 }", "server t check", "server t 127.0.0.1 check", "server t 127.0.0.1",
        "server t 127.0.0.1 check port 8080", "balance", "timeout client 5s", "server t <pg-node1-ip>:5432 check",
    ]

    func testWeirRefusesTheLinesHAProxyRefuses() throws {
        let haproxy = try XCTUnwrap(WeirProcess.which("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var disagreements: [String] = []
        var refused = 0
        for line in Self.lines {
            let use = line.hasPrefix("acl ") ? "    http-request deny if t\n" : ""
            let config = """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                listen l
                    bind 127.0.0.1:18080
                    server s 127.0.0.1:8080 check
                    \(line)
                \(use)
                """
            let file = directory.appendingPathComponent("line.cfg")
            try config.write(to: file, atomically: true, encoding: .utf8)
            let real = try WeirProcess.run(haproxy, ["-c", "-f", file.path])
            let lint = try WeirProcess.weir(["lint", "--no-project-file", "--format", "json", file.path])
            let errors = try ReportedDiagnostic.parse(lint.stdout).filter { $0.severity == "error" }
            let haproxyRefuses = real.status == 1, weirRefuses = !errors.isEmpty
            if haproxyRefuses { refused += 1 }
            if haproxyRefuses != weirRefuses {
                disagreements.append("\(line): haproxy \(haproxyRefuses ? "refuses" : "accepts"), weir \(errors.map(\.description))")
            }
        }
        XCTAssertGreaterThan(refused, 15, "the table must hold patterns haproxy refuses")
        XCTAssertEqual(disagreements, [])
    }
}
