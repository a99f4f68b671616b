import Foundation
import WeirTestSupport
import XCTest

/// Fixtures/yaml: the article's production setup as YAML converts to a
/// haproxy.cfg equivalent to the article's, and every YAML that weir writes
/// validates against Grammar/weir-yaml.schema.json.
final class YAMLFixtureTests: XCTestCase {
    static let root = WeirProcess.packageRoot

    func testProductionYAMLBecomesTheArticlesConfig() throws {
        let yaml = Self.root.appendingPathComponent("Fixtures/yaml/production.yaml")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-production-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try WeirProcess.weir(["convert", yaml.path, "--output-directory", work.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let converted = WeirProcess.Result(
            status: 0, stdout: try String(contentsOf: work.appendingPathComponent("sw-infrarunbook-01/haproxy.cfg"),
                                          encoding: .utf8), stderr: "")
        let formattedOriginal = try WeirProcess.weir(
            ["fmt", "-"], stdin: try Data(contentsOf: Self.root.appendingPathComponent("Fixtures/article/19-production.cfg")))
        let formattedConverted = try WeirProcess.weir(["fmt", "--haproxy", "-"], stdin: Data(converted.stdout.utf8))
        // Same lines; only the position of ACL declarations (first in their section) may differ.
        let sorted = { (text: String) in text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.sorted() }
        XCTAssertEqual(sorted(formattedConverted.stdout), sorted(formattedOriginal.stdout))
    }

    func testWrittenYAMLMatchesTheSchema() throws {
        guard let python = WeirProcess.which("python3") else {
            XCTFail("python3 is needed to validate against the JSON Schema")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var documents = [Self.root.appendingPathComponent("Fixtures/yaml/production.yaml").path]
        for fixture in try ArticleFixtureTests.fixtures() where fixture.pathExtension == "cfg" {
            let target = work.appendingPathComponent(fixture.deletingPathExtension().lastPathComponent + ".yaml")
            let result = try WeirProcess.weir(["convert", fixture.path, "-o", target.path])
            if result.status == 0 { documents.append(target.path) }
        }
        // keepalived.conf → YAML, over the keepalived configs of the corpus that keepalived accepts, when it is here.
        let corpus = TestCorpus.isPresent || TestCorpus.isRequired ? try CorpusLintTests.manifest() : []
        for entry in corpus where entry.tool == "keepalived" && entry.verdict == "valid" {
            let fixture = try WeirProcess.corpus.appendingPathComponent(entry.path)
            let target = work.appendingPathComponent(fixture.deletingPathExtension().lastPathComponent + ".yaml")
            let result = try WeirProcess.weir(["convert", fixture.path, "--to", "yaml", "-o", target.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            documents.append(target.path)
        }
        XCTAssertGreaterThan(documents.count, corpus.isEmpty ? 10 : 30)
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            for path in sys.argv[2:]:
                jsonschema.validate(yaml.safe_load(open(path)), schema)
            print("ok", len(sys.argv) - 2)
            """
        let result = try WeirProcess.run(python, ["-c", script, Self.root.appendingPathComponent("Grammar/weir-yaml.schema.json").path]
                                         + documents)
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}

/// The article's Keepalived pair from the same YAML.
final class YAMLPairTests: XCTestCase {
    func testPairBecomesTheArticlesNodes() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-pair-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let yaml = YAMLFixtureTests.root.appendingPathComponent("Fixtures/yaml/production.yaml")
        let result = try WeirProcess.weir(["convert", yaml.path, "--output-directory", work.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let article = YAMLFixtureTests.root.appendingPathComponent("Fixtures/article")
        for (node, fixture) in [("sw-infrarunbook-01", "13-keepalived-primary.conf"), ("sw-infrarunbook-02", "14-keepalived-standby.conf")] {
            let generated = work.appendingPathComponent("\(node)/keepalived.conf")
            XCTAssertEqual(try WeirProcess.weir(["lint", "--keepalived", generated.path]).status, 0)
            // The settings that make the pair work are the article's.
            let fields = ["state", "interface", "virtual_router_id", "priority", "advert_int", "auth_type", "auth_pass", "10.10.0.10/24"]
            // The YAML writes the password keepalived really uses: it cuts auth_pass to 8 characters.
            let effective = { (line: [String]) -> [String] in
                line.first == "auth_pass" && line.count > 1 ? ["auth_pass", String(line[1].prefix(8))] : line
            }
            let words = { (url: URL) throws -> [String] in
                let lines: [[String]] = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
                    .map { $0.split(separator: " ").map(String.init) }
                return lines.filter { fields.contains($0.first ?? "") }.map(effective).map { $0.joined(separator: " ") }.sorted()
            }
            XCTAssertEqual(try words(generated), try words(article.appendingPathComponent(fixture)), node)
        }
        try assertKeepalivedAgrees(work, article)
        try assertNodesDifferOnlyInTheirOwnSettings(work)
    }

    /// The second node's own `haproxy:` settings (its stats show-node) are
    /// the only difference between the two haproxy.cfg, and the cross-node
    /// check accepts the pair.
    private func assertNodesDifferOnlyInTheirOwnSettings(_ work: URL) throws {
        let lines = { (node: String) in
            try String(contentsOf: work.appendingPathComponent("\(node)/haproxy.cfg"), encoding: .utf8).split(separator: "\n")
        }
        let first = try lines("sw-infrarunbook-01"), second = try lines("sw-infrarunbook-02")
        XCTAssertEqual(first.count, second.count)
        let differing = zip(first, second).filter { $0 != $1 }.map { "\($0.0) | \($0.1)" }
        XCTAssertEqual(differing, ["    stats show-node sw-infrarunbook-01 |     stats show-node sw-infrarunbook-02"])
        let nodes = ["sw-infrarunbook-01", "sw-infrarunbook-02"].flatMap { node in
            ["--node", "\(node)=\(work.path)/\(node)/haproxy.cfg,\(work.path)/\(node)/keepalived.conf"]
        }
        let lint = try WeirProcess.weir(["lint", "--format", "json"] + nodes)
        let pairFindings = try ReportedDiagnostic.parse(lint.stdout).filter {
            ["vrrp-pair-mismatch", "vrrp-priority-tie", "vrrp-master-count", "vrrp-instance-unpaired", "peers-mismatch",
             "haproxy-nodes-differ"].contains($0.rule)
        }
        XCTAssertEqual(pairFindings, [])
    }

    /// A node's own settings that change more than node identity are written,
    /// and the cross-node check says where the nodes drifted apart.
    func testNodeSettingsThatDivergeAreReported() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-drift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let production = try String(contentsOf: YAMLFixtureTests.root.appendingPathComponent("Fixtures/yaml/production.yaml"),
                                    encoding: .utf8)
        let drifted = production.replacingOccurrences(of: """
                  - name: stats
                    stats:
                      show-node: sw-infrarunbook-02
            """, with: """
                  - name: stats
                    stats:
                      show-node: sw-infrarunbook-02
                  backends:
                  - name: ws_pool
                    timeout:
                      tunnel: 10m
            """)
        XCTAssertNotEqual(drifted, production)
        let yaml = work.appendingPathComponent("site.yaml")
        try Data(drifted.utf8).write(to: yaml)
        let result = try WeirProcess.weir(["convert", yaml.path, "--output-directory", work.appendingPathComponent("out").path],
                                          environment: ["NO_COLOR": "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: this line is not in the haproxy.cfg of node 'sw-infrarunbook-01' [haproxy-nodes-differ]"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("site.yaml:146:"), "the finding points into the YAML: \(result.stderr)")
        let second = try String(contentsOf: work.appendingPathComponent("out/sw-infrarunbook-02/haproxy.cfg"), encoding: .utf8)
        XCTAssertTrue(second.contains("    timeout tunnel 10m\n"), second)
        XCTAssertFalse(second.contains("timeout tunnel 1h"), second)
    }

    /// The real `keepalived -t` finds nothing in the generated files that it
    /// does not also find in the article's primary node (whose auth_pass is
    /// too long and whose script runs without script security).
    private func assertKeepalivedAgrees(_ work: URL, _ article: URL) throws {
        guard getuid() == 0, WeirProcess.which("keepalived") != nil, WeirProcess.which("unshare") != nil else {
            throw XCTSkip("keepalived -t needs root for its own network namespace")
        }
        func problems(_ file: URL) throws -> Set<String> {
            let command = "unshare -n sh -c 'ip link add eth0 type dummy 2>/dev/null || ip link add eth0 type bridge; "
                + "ip link set eth0 up; keepalived -t -f \(file.path)' 2>&1"
            let output = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command]).stdout
            return Set(output.split(separator: "\n").map {
                $0.replacingOccurrences(of: #"^\([^)]*\) "#, with: "", options: .regularExpression)
            })
        }
        let expected = try problems(article.appendingPathComponent("13-keepalived-primary.conf"))
        XCTAssertFalse(expected.isEmpty)
        for node in ["sw-infrarunbook-01", "sw-infrarunbook-02"] {
            let found = try problems(work.appendingPathComponent("\(node)/keepalived.conf"))
            XCTAssertTrue(found.isSubset(of: expected), "\(node): \(found.subtracting(expected))")
        }
    }
}
