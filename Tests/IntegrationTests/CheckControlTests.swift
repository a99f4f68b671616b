import Foundation
import XCTest

/// Turning rules off and on: comments, flags, `.weir.yaml`; `--node`; `weir explain`.
final class CheckControlTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-control-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func weir(_ arguments: [String]) throws -> WeirProcess.Result {
        try WeirProcess.weir(arguments, environment: ["NO_COLOR": "1"], directory: directory)
    }

    /// The `file:line rule` of each finding of a JSON report.
    func findings(_ arguments: [String]) throws -> [String] {
        let result = try weir(["lint", "--format", "json"] + arguments)
        return try ReportedDiagnostic.parse(result.stdout).map { "\($0.file.split(separator: "/").last!):\($0.line) \($0.rule)" }
    }

    /// Two conditions naming ACLs that do not exist, in two backends.
    static func config(_ first: String = "", _ second: String = "", before: String = "") -> String {
        """
        frontend web
            mode http
            bind *:80
            timeout client 30s
            use_backend b1 if missing_one\(first)
            use_backend b1 if missing_two\(second)
            default_backend b1
        \(before)backend b1
            mode http
            timeout connect 5s
            timeout server 30s
            http-request deny if missing_three
            server s1 127.0.0.1:8080

        """
    }

    func testTrailingCommentCoversItsLineOnly() throws {
        try write("h.cfg", Self.config(" # weir:disable=acl-undefined"))
        XCTAssertEqual(try findings(["h.cfg"]).filter { $0.hasSuffix("acl-undefined") }, ["h.cfg:6 acl-undefined", "h.cfg:12 acl-undefined"])
    }

    func testCommentOnItsOwnLineCoversTheNextSection() throws {
        try write("h.cfg", Self.config(before: "# weir:disable=acl-undefined,acl-unused\n"))
        XCTAssertEqual(try findings(["h.cfg"]).filter { $0.hasSuffix("acl-undefined") }, ["h.cfg:5 acl-undefined", "h.cfg:6 acl-undefined"])
    }

    func testFileCommentAndFlags() throws {
        try write("h.cfg", "# weir:disable-file=acl-undefined\n" + Self.config())
        XCTAssertEqual(try findings(["h.cfg"]).filter { $0.hasSuffix("acl-undefined") }, [])
        try write("g.cfg", Self.config())
        XCTAssertEqual(try findings(["--disable", "acl-undefined", "g.cfg"]).filter { $0.hasSuffix("acl-undefined") }, [])
        XCTAssertEqual(try weir(["lint", "--disable", "no-such-rule", "g.cfg"]).status, 2)
    }

    func testProjectFileDisablesRegradesAndIsOverriddenByEnable() throws {
        try write("h.cfg", Self.config())
        try write(".weir.yaml", "severity:\n  acl-undefined: warning\n")
        let regraded = try weir(["lint", "h.cfg"])
        XCTAssertEqual(regraded.status, 0, regraded.stdout)
        XCTAssertTrue(regraded.stdout.contains("warning: no ACL named 'missing_one'"), regraded.stdout)
        try write(".weir.yaml", "disable: [acl-undefined]\nstrict: true\n")
        XCTAssertEqual(try findings(["h.cfg"]).filter { $0.hasSuffix("acl-undefined") }, [])
        XCTAssertEqual(try findings(["--enable", "acl-undefined", "h.cfg"]).filter { $0.hasSuffix("acl-undefined") }.count, 3)
        XCTAssertEqual(try findings(["--no-project-file", "h.cfg"]).filter { $0.hasSuffix("acl-undefined") }.count, 3)
    }

    func testBadProjectFileIsAnErrorAtItsPlace() throws {
        try write("h.cfg", Self.config())
        try write(".weir.yaml", "disable:\n  - acl-undefined\n  - acl-nonsense\n")
        let result = try weir(["lint", "h.cfg"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(".weir.yaml:3:5: error: unknown rule id 'acl-nonsense' [project-file]"), result.stderr)
    }

    func testNodesAreComparedAcrossTheCluster() throws {
        let instance = { (state: String, priority: Int, vrid: Int) in
            "vrrp_instance VI_1 {\n    state \(state)\n    interface eth0\n    virtual_router_id \(vrid)\n    priority \(priority)\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n"
        }
        try write("h.cfg", "frontend web\n    mode http\n    bind *:80\n    timeout client 30s\n    default_backend b\nbackend b\n    mode http\n    timeout connect 5s\n    timeout server 30s\n    server s 127.0.0.1:80\n")
        try write("a/keepalived.conf", instance("MASTER", 101, 51))
        try write("b/keepalived.conf", instance("BACKUP", 100, 52))
        let nodes = ["--node", "a=h.cfg,a/keepalived.conf", "--node", "b=h.cfg,b/keepalived.conf"]
        XCTAssertEqual(try findings(nodes).filter { $0.hasSuffix("vrrp-pair-mismatch") }, ["keepalived.conf:4 vrrp-pair-mismatch"])
        XCTAssertEqual(try weir(["lint"] + nodes).status, 1)
        try write("b/keepalived.conf", instance("BACKUP", 100, 51))
        XCTAssertEqual(try weir(["lint"] + nodes).status, 0)
    }

    func testExplainPrintsTheRulePage() throws {
        let page = try weir(["explain", "acl-undefined"])
        XCTAssertEqual(page.status, 0)
        XCTAssertTrue(page.stdout.hasPrefix("acl-undefined (error, HAProxy)\n"), page.stdout)
        XCTAssertTrue(page.stdout.contains("Reported:\n    frontend web"), page.stdout)
        XCTAssertEqual(try weir(["explain", "no-such-rule"]).status, 2)
        let list = try weir(["explain", "--list"])
        XCTAssertTrue(list.stdout.contains("vrrp-pair-mismatch"), list.stdout)
        XCTAssertTrue(list.stdout.contains("line-continuation"), list.stdout)
    }
}

/// SARIF names each reported rule with its catalog summary.
final class SARIFRuleTests: XCTestCase {
    func testReportedRulesCarryTheirSummaries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(CheckControlTests.config().utf8).write(to: directory.appendingPathComponent("h.cfg"))
        let result = try WeirProcess.weir(["lint", "--format", "sarif", "h.cfg"], directory: directory)
        let log = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let runs = log?["runs"] as? [[String: Any]]
        let driver = (runs?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any]
        let rules = driver?["rules"] as? [[String: Any]] ?? []
        let acl = rules.first { $0["id"] as? String == "acl-undefined" }
        XCTAssertEqual((acl?["shortDescription"] as? [String: Any])?["text"] as? String,
                       "A condition names an ACL that its proxy does not define.")
    }
}
