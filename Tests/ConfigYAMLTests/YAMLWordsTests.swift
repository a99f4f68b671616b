import ConfigDiagnostics
@testable import ConfigYAML
import HAProxyConfig
import XCTest

/// Probe defect D4: every YAML value reads back, through HAProxy's lexer, as
/// the words it was written as, or it is an error at its YAML line.
final class YAMLWordsTests: XCTestCase {
    private func wordsRead(_ yaml: String) throws -> [[String]] {
        let (generated, diagnostics) = HAProxyYAMLReader().read(SourceFile(path: "site.yaml", text: yaml))
        XCTAssertEqual(diagnostics.map(\.message), [])
        let text = try XCTUnwrap(generated?.text)
        let file = HAProxyReader().read([SourceFile(path: "out.cfg", text: text)]).syntax.files[0]
        return file.lines.filter { $0.kind == .statement }.map { $0.words.map(\.text) }
    }

    func testHashInAValueIsNotAComment() throws {
        let words = try wordsRead("""
            global:
              description: "team #3, on call"
            frontends:
            - name: web
              bind: :80
              http-request: 'set-header X-Tag "#1" if { path /#x }'
              default_backend: app

            """)
        XCTAssertEqual(words[1], ["description", "team", "#3,", "on", "call"])
        XCTAssertEqual(words[4], ["http-request", "set-header", "X-Tag", "#1", "if", "{", "path", "/#x", "}"])
    }

    func testLineBreaksAndMultiWordNamesAreErrorsAtTheirLine() {
        let cases: [(String, Int)] = [
            ("global:\n  maxconn: \"1\\nuserlist u\"\n", 2),
            ("frontends:\n- name: \"fe listen pwn\"\n  bind: :80\n", 2),
            ("frontends:\n- name: \"fe#x\"\n  bind: :80\n", 2),
            ("backends:\n- name: be\n  servers:\n  - {name: s1, address: \"127.0.0.1:80 backup\"}\n", 4),
            ("global:\n  log: |\n    127.0.0.1 local0\n    127.0.0.1 local1\n", 2),
            ("global:\n  description: \"a\\rb\"\n", 2),
            ("global:\n  description: \"a\\0b\"\n", 2),
        ]
        for (yaml, line) in cases {
            let (_, diagnostics) = HAProxyYAMLReader().read(SourceFile(path: "site.yaml", text: yaml))
            XCTAssertEqual(diagnostics.map(\.rule.rawValue), ["yaml-value-unwritable"], yaml)
            XCTAssertEqual(diagnostics.first?.range.start.line, line, yaml)
        }
    }

    func testKeepalivedCommentCharactersAreEscaped() throws {
        let yaml = """
            keepalived:
              global_defs: {notification_email_from: "ops#1@example.com", router_id: "lb!1"}
              instances:
                VI_1: {virtual_router_id: 51, virtual_ipaddress: [10.0.0.10/24]}
            nodes:
              a: {address: 10.0.0.1, keepalived: {VI_1: {state: MASTER, interface: eth0, priority: 101}}}

            """
        let (nodes, diagnostics) = KeepalivedPairReader().read(SourceFile(path: "pair.yaml", text: yaml))
        XCTAssertEqual(diagnostics.map(\.message), [])
        let text = try XCTUnwrap(nodes.first?.text)
        XCTAssertTrue(text.contains("notification_email_from ops\\#1@example.com"), text)
        XCTAssertTrue(text.contains("router_id lb\\!1"), text)
    }
}
