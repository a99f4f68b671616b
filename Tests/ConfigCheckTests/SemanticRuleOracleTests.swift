import ConfigCheck
import ConfigDiagnostics
import Foundation
import HAProxyConfig
import XCTest

/// The rules of the semantic layer (`SemanticFindings`) report what haproxy
/// refuses: each of their triggering examples is an error in `weir lint`
/// (`RuleExampleTests` checks where) and the real `haproxy -c` refuses it.
final class SemanticRuleOracleTests: XCTestCase {
    static let rules = [SemanticFindings.logFormatInvalid, SemanticFindings.compressionAlgoUnknown, SemanticFindings.curvesUnknown,
                        SemanticFindings.retryOnInvalid, RuleID("http-errors-undefined")]

    func testEveryTriggeringExampleIsRefusedByHAProxyAndByTheLinter() throws {
        let haproxy = try XCTUnwrap(ErrorRuleOracleTests.which("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        var checked = 0
        for id in Self.rules {
            let rule = try XCTUnwrap(RuleCatalog.all.first { $0.id == id }, "\(id) has no page")
            XCTAssertEqual(rule.domain, .haproxy, "\(id) is reported by weir lint")
            for (index, example) in rule.triggering.enumerated() {
                let label = "\(id) triggering example \(index + 1)"
                let run = try ExampleRun(example, keepingFiles: true)
                defer { try? FileManager.default.removeItem(atPath: run.directory) }
                XCTAssertTrue(run.diagnostics.contains { $0.rule == id && $0.severity == .error }, "\(label): \(run.summary)")
                for file in example.files where file.path.hasSuffix(".cfg") {
                    let verdict = try ErrorRuleOracleTests.run(haproxy, ["-c", "-f", run.directory + "/" + file.path])
                    XCTAssertEqual(verdict.status, 1, "\(label): haproxy accepts it:\n\(verdict.output)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 6)
    }
}
