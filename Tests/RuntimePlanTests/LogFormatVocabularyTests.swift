import ConfigDiagnostics
import HAProxyConfig
@testable import RuntimePlan
@testable import RuntimePlanner
import XCTest

/// The engine's log variables are HAProxy's, which the semantic layer reads:
/// a name one side has and the other has not would be refused by one and run
/// by the other.
final class LogFormatVocabularyTests: XCTestCase {
    func testTheEngineHasEveryVariableHAProxyDefines() {
        XCTAssertEqual(Set(LogVariable.Code.allCases.map(\.rawValue)), LogFormatString.variables)
    }

    func testAStringHAProxyRefusesIsRefusedWithTheSemanticLayersMessage() {
        let result = Planner().plan(HAProxyReader().read([SourceFile(path: "t.cfg", text: """
            frontend web
                mode http
                bind 127.0.0.1:8080
                log 127.0.0.1:514 local0
                log-format "%{+Q"
                unique-id-format "%zz"
                default_backend app
            backend app
                server a 127.0.0.1:8081

            """)]).configuration)
        XCTAssertNil(result.plan)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.message), [
            "failed to parse log-format : truncated line after '+Q'",
            "failed to parse unique-id : no such format variable 'zz'. If you wanted to emit the '%' character verbatim, you need to use '%%'",
        ])
    }
}
