import Foundation
import XCTest

/// `weir compile` over real files: errors stop it, output is written atomically and deterministically.
final class CompileCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testTheProductionConfigAndItsYAMLCompileToTheSamePlanShape() throws {
        let weir = try WeirProcess.binary
        let cfgPlan = directory.appendingPathComponent("cfg.json")
        let fixture = WeirProcess.packageRoot.appendingPathComponent("Fixtures/article/19-production.cfg")
        let result = try WeirProcess.run(weir, ["compile", fixture.path, "-o", cfgPlan.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let again = try WeirProcess.run(weir, ["compile", fixture.path])
        XCTAssertEqual(again.stdout, try String(contentsOf: cfgPlan, encoding: .utf8))
        let yaml = WeirProcess.packageRoot.appendingPathComponent("Fixtures/yaml/production.yaml")
        let fromYAML = try WeirProcess.run(weir, ["compile", yaml.path])
        XCTAssertEqual(fromYAML.status, 0, fromYAML.stderr)
        let names = { (text: String) throws -> [String] in
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return ((object?["backends"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        }
        XCTAssertEqual(try names(fromYAML.stdout), try names(again.stdout))
        XCTAssertEqual(try names(again.stdout), ["web_pool", "api_pool", "ws_pool", "stats"])
    }

    func testAConfigWithErrorsDoesNotCompile() throws {
        let weir = try WeirProcess.binary
        let config = directory.appendingPathComponent("bad.cfg")
        try """
            frontend f
                mode http
                bind 127.0.0.1:8000
                use_backend pool if is_missing
            backend pool
                server a 127.0.0.1:9000

            """.write(to: config, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("plan.json")
        let result = try WeirProcess.run(weir, ["compile", config.path, "-o", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bad.cfg:4:25: error: no ACL named 'is_missing' in this proxy [acl-undefined]"),
                      result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
