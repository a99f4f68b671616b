import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan
import RuntimePlanner
import XCTest

/// Compiles configuration text to a plan, failing the test on errors.
func compilePlan(_ text: String, patternFiles: [String: String] = [:], file: StaticString = #filePath,
                 line: UInt = #line) -> RuntimePlan? {
    let result = planResult(text, patternFiles: patternFiles)
    XCTAssertNotNil(result.plan, "diagnostics: \(result.diagnostics.map(\.message))", file: file, line: line)
    return result.plan
}

/// Reads and plans configuration text; `patternFiles` stand in for `-f` files.
func planResult(_ text: String, patternFiles: [String: String] = [:]) -> PlanResult {
    let source = SourceFile(path: "test.cfg", text: text)
    let parsed = HAProxyReader().read([source])
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { return PlanResult(plan: nil, diagnostics: errors) }
    return Planner(fileOrder: ["test.cfg"], readPatternFile: { patternFiles[$0] }).plan(parsed.configuration)
}
