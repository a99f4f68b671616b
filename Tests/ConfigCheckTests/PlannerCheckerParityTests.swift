import ConfigCheck
import ConfigDiagnostics
import Foundation
import HAProxyConfig
import RuntimePlan
import RuntimePlanner
import XCTest

/// The checker and the planner read ACL tests (`ACLTestSpec`) and stick-table declarations (`StickTableSpec`)
/// through the semantic layer, so where both report `acl-invalid`, `acl-undefined` or `stick-table-invalid`
/// they report the same message at the same place: the planner, run on each triggering example of these rules
/// (configurations the checker refuses), reports nothing under their ids that the checker does not.
final class PlannerCheckerParityTests: XCTestCase {
    func testThePlannerReportsTheCheckersFindingsWordForWord() throws {
        for id in [RuleID("acl-invalid"), RuleID("acl-undefined"), RuleID("stick-table-invalid")] {
            let rule = try XCTUnwrap(RuleCatalog.all.first { $0.id == id })
            var compared = 0
            for (index, example) in rule.triggering.enumerated() {
                let run = try ExampleRun(example, keepingFiles: true)
                defer { try? FileManager.default.removeItem(atPath: run.directory) }
                let checker = Set(run.diagnostics.filter { $0.rule == id }.map(Self.key))
                for file in example.files where file.path.hasSuffix(".cfg") {
                    let path = run.directory + "/" + file.path
                    let source = try SourceFile(path: path, bytes: Array(Data(contentsOf: URL(fileURLWithPath: path))))
                    let configuration = HAProxyReader().read([source]).configuration
                    for finding in Planner(fileOrder: []).plan(configuration).diagnostics where finding.rule == id {
                        XCTAssertTrue(checker.contains(Self.key(finding)),
                                      "\(id) example \(index + 1): the planner's '\(Self.key(finding))' is not among the checker's \(checker)")
                        compared += 1
                    }
                }
            }
            XCTAssertGreaterThan(compared, 0, "\(id): the planner reports nothing on the rule's triggering examples")
        }
    }

    static func key(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.range.start.line):\(diagnostic.range.start.column) \(diagnostic.message)"
    }
}
