import Foundation
import XCTest

/// The keepalived and nodes parts of a site YAML (probe defect D9): weir
/// refuses a document exactly when the real JSON Schema validator (python3
/// jsonschema, reading Grammar/weir-yaml.schema.json) refuses its keepalived
/// or nodes part, reports it at the YAML line, and writes nothing.
final class KeepalivedSchemaTests: XCTestCase {
    static let schema = WeirProcess.packageRoot.appendingPathComponent("Grammar/weir-yaml.schema.json")

    static let valid = """
        keepalived:
          global_defs: {router_id: lb}
          vrrp_scripts:
            chk: {script: /bin/true, interval: 2}
          instances:
            VI_1:
              virtual_router_id: 51
              virtual_ipaddress: [10.0.0.10/24]
              track_script: [chk]
          blocks:
          - virtual_server 10.0.0.10 80: {lb_algo: rr, real_server 10.0.0.2 80: {weight: 1}}
        nodes:
          lb1: {address: 10.0.0.1, keepalived: {VI_1: {state: MASTER, interface: eth0, priority: 101}}}
          lb2: {address: 10.0.0.2, keepalived: {VI_1: {state: BACKUP, interface: eth0, priority: 100}}}

        """

    /// One change each, (what to replace, with what).
    static let variants: [(String, String)] = [
        ("", ""),
        ("  instances:\n    VI_1:\n", "  instances:\n  - VI_1:\n"),
        ("  vrrp_scripts:\n    chk: {script: /bin/true, interval: 2}\n", "  vrrp_scripts: [chk]\n"),
        ("  global_defs: {router_id: lb}\n", "  global_defs: [router_id]\n"),
        ("  global_defs: {router_id: lb}\n", "  bogus: 1\n"),
        ("{address: 10.0.0.1,", "{bogus2: x, address: 10.0.0.1,"),
        ("{address: 10.0.0.1,", "{address: [10.0.0.1],"),
        ("  blocks:\n", "  blocks: 5\n  old_blocks:\n"),
        ("- virtual_server 10.0.0.10 80: {", "- {a: 1, b: 2}\n  - virtual_server 10.0.0.10 80: {"),
        ("keepalived: {VI_1: {state: MASTER", "keepalived: {VI_1: [state, MASTER], x: {state: MASTER"),
    ]

    func schemaAccepts(_ yaml: URL) throws -> Bool {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = yaml.safe_load(open(sys.argv[2]))
            errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(document))
            sys.exit(1 if errors else 0)
            """
        let result = try WeirProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, Self.schema.path, yaml.path])
        XCTAssertTrue(result.status == 0 || result.status == 1, "python3 jsonschema failed: \(result.stderr)")
        return result.status == 0
    }

    func testWeirRefusesWhatTheSchemaRefuses() throws {
        guard (try? WeirProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import jsonschema, yaml"]).status) == 0 else {
            return XCTFail("python3 with jsonschema and yaml is needed (bash .ci/run installs python3-jsonschema and python3-yaml)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-kaschema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var refused = 0
        for (index, (old, new)) in Self.variants.enumerated() {
            XCTAssertTrue(old.isEmpty || Self.valid.contains(old), "variant \(index) does not apply")
            let text = old.isEmpty ? Self.valid : Self.valid.replacingOccurrences(of: old, with: new)
            let yaml = work.appendingPathComponent("v\(index).yaml")
            try text.write(to: yaml, atomically: false, encoding: .utf8)
            let output = work.appendingPathComponent("out\(index)")
            let accepted = try schemaAccepts(yaml)
            let result = try WeirProcess.weir(["convert", "--format", "json", yaml.path, "--output-directory", output.path])
            let errors = try ReportedDiagnostic.parse(result.stderr).filter { $0.severity == "error" }
            if accepted {
                XCTAssertEqual(result.status, 0, "variant \(index) (schema accepts): \(errors)")
                let conf = output.appendingPathComponent("lb1/keepalived.conf")
                XCTAssertTrue((try? String(contentsOf: conf, encoding: .utf8))?.contains("vrrp_instance VI_1") == true, "variant \(index)")
            } else {
                refused += 1
                XCTAssertEqual(result.status, 1, "variant \(index) (schema refuses): weir accepted it")
                XCTAssertTrue(errors.contains { $0.rule.hasPrefix("yaml-") && $0.line > 0 }, "variant \(index): \(errors)")
                XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "variant \(index): nothing is written")
            }
        }
        XCTAssertEqual(refused, Self.variants.count - 1, "every variant but the first breaks the schema")
    }
}
