import ConfigDiagnostics
@testable import ConfigYAML
import HAProxyConfig
import XCTest

final class HAProxyYAMLTests: XCTestCase {
    private func convert(_ yaml: String) -> (GeneratedConfig?, [Diagnostic]) {
        HAProxyYAMLReader().read(SourceFile(path: "site.yaml", text: yaml))
    }

    func testSectionsKeysAndServers() throws {
        let (generated, diagnostics) = convert("""
            global:
              maxconn: 50000
              daemon: true
            defaults:
              - name: base
                mode: http
                option: {httplog: true, forwardfor: false}
                timeout: {connect: 5s, client: 30s}
            frontends:
              - name: web
                from: base
                bind: [":80", ":443 ssl crt /c.pem"]
                acl: ["is_api path_beg /api/"]
                use_backend: api if is_api
                default_backend: api
            backends:
              - name: api
                servers:
                  - {name: a1, address: "127.0.0.1:8080", check: true, inter: 2s}
                raw: ["stick on src"]
            sections:
              - type: ring
                name: logs
                size: 32764

            """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(generated?.text, """
            global
                maxconn 50000
                daemon

            defaults base
                mode http
                option httplog
                no option forwardfor
                timeout connect 5s
                timeout client 30s

            frontend web from base
                bind :80
                bind :443 ssl crt /c.pem
                acl is_api path_beg /api/
                use_backend api if is_api
                default_backend api

            backend api
                server a1 127.0.0.1:8080 check inter 2s
                stick on src

            ring logs
                size 32764

            """)
    }

    func testYAMLErrorsPointIntoTheYAML() {
        let (_, syntax) = convert("frontends:\n  - name: web\n    bind: [\":80\"\n")
        XCTAssertEqual(syntax.first?.rule.rawValue, "yaml-syntax")
        XCTAssertEqual(syntax.first?.range.file, "site.yaml")
        let (_, missing) = convert("backends:\n  - balance: roundrobin\n")
        XCTAssertEqual(missing.map(\.rule.rawValue), ["yaml-missing-name"])
        XCTAssertEqual(missing.first?.range.start.line, 2)
        let (_, unknown) = convert("frontend:\n  - name: x\n")
        XCTAssertEqual(unknown.map(\.rule.rawValue), ["yaml-unknown-key"])
    }

    func testConfigErrorsAreRelocatedToTheYAMLLine() throws {
        let (generated, _) = convert("defaults:\n  - mode: http\n    timeout:\n      connect: 5x\n")
        let config = try XCTUnwrap(generated)
        let check = HAProxyReader().read([SourceFile(path: "generated", text: config.text)])
        let moved = check.diagnostics.map(config.relocate)
        XCTAssertEqual(moved.map(\.rule.rawValue), ["invalid-argument"])
        XCTAssertEqual(moved.first?.range.file, "site.yaml")
        XCTAssertEqual(moved.first?.range.start.line, 4)
    }

    func testRoundTripKeepsTheDirectives() throws {
        let original = """
            global
                log 127.0.0.1:514 local0
                stats socket /run/h.sock mode 660 level admin
                daemon

            defaults
                mode http
                no option httplog
                timeout connect 5s

            frontend f
                bind :80
                http-request set-header X-A "a b"
                acl is_a path_beg /a
                use_backend b if is_a
                default_backend b

            backend b
                balance roundrobin
                server s1 127.0.0.1:80 check weight 2
                server s2 127.0.0.2:80 check backup

            """
        let parsed = HAProxyReader().read([SourceFile(path: "o.cfg", text: original)])
        let yaml = try HAProxyYAMLWriter().write(parsed.syntax)
        let (generated, diagnostics) = convert(yaml)
        XCTAssertEqual(diagnostics, [])
        let again = HAProxyReader().read([SourceFile(path: "r.cfg", text: generated?.text ?? "")])
        XCTAssertEqual(again.diagnostics, [])
        func summary(_ result: HAProxyParseResult) -> [String: [String]] {
            var byKeyword: [String: [String]] = [:]
            for section in result.syntax.sections {
                for statement in section.statements {
                    let key = section.kind + " " + (section.name ?? "") + " " + statement.keyword
                    byKeyword[key, default: []].append((statement.modifier?.rawValue ?? "") + statement.words.map(\.text).joined(separator: " "))
                }
            }
            return byKeyword
        }
        XCTAssertEqual(summary(again), summary(parsed))
        XCTAssertTrue(yaml.contains("X-A \"a b\""), yaml)
    }
}
