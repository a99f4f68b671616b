import Foundation
import XCTest

/// Fixtures/yaml: the article's production setup as YAML converts to a
/// haproxy.cfg equivalent to the article's, and every YAML that weir writes
/// validates against Grammar/weir-yaml.schema.json.
final class YAMLFixtureTests: XCTestCase {
    static let root = WeirProcess.packageRoot

    func testProductionYAMLBecomesTheArticlesConfig() throws {
        let yaml = Self.root.appendingPathComponent("Fixtures/yaml/production-haproxy.yaml")
        let converted = try WeirProcess.weir(["convert", yaml.path])
        XCTAssertEqual(converted.status, 0, converted.stderr)
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
        var documents = [Self.root.appendingPathComponent("Fixtures/yaml/production-haproxy.yaml").path]
        for fixture in try ArticleFixtureTests.fixtures() where fixture.pathExtension == "cfg" {
            let target = work.appendingPathComponent(fixture.deletingPathExtension().lastPathComponent + ".yaml")
            let result = try WeirProcess.weir(["convert", fixture.path, "-o", target.path])
            if result.status == 0 { documents.append(target.path) }
        }
        XCTAssertGreaterThan(documents.count, 15)
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
