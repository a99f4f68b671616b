import HAProxyConfig
import RuntimePlan
import XCTest

/// `compression` lines in the plan, built the way HAProxy 2.6 builds them.
final class CompressionPlannerTests: XCTestCase {
    func testDefaultsAreExtendedAndEachWordGoesInFront() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
                compression algo gzip
                compression type text/html
                compression offload
            frontend f
                bind 127.0.0.1:8080
                compression algo deflate raw-deflate
                compression type application/json
                default_backend b
            backend b
                compression offload
                server s 127.0.0.1:8081
            backend quiet
                mode http

            """))
        let frontend = try XCTUnwrap(plan.frontends.first?.compression)
        // `comp_append_algo` puts each word in front: the last written comes first.
        XCTAssertEqual(frontend.algorithms, [.rawDeflate, .deflate, .gzip])
        XCTAssertEqual(frontend.types, ["application/json", "text/html"])
        XCTAssertFalse(frontend.offload, "offload in defaults is ignored")
        let backend = try XCTUnwrap(plan.backend(named: "b")?.compression)
        XCTAssertEqual(backend.algorithms, [.gzip])
        XCTAssertTrue(backend.offload)
        XCTAssertEqual(plan.backend(named: "quiet")?.compression?.algorithms, [.gzip], "inherited from defaults")
        XCTAssertFalse(plan.unsupported.contains { $0.feature == "compression" }, "\(plan.unsupported)")
    }

    func testAProxyWithoutCompressionLinesHasNone() throws {
        let plan = try XCTUnwrap(compilePlan("""
            frontend f
                mode http
                bind 127.0.0.1:8080
                default_backend b
            backend b
                mode http
                server s 127.0.0.1:8081

            """))
        XCTAssertNil(plan.frontends.first?.compression)
        XCTAssertNil(plan.backend(named: "b")?.compression)
    }

    func testAnUnknownAlgorithmIsAnErrorAtItsWord() {
        let result = planResult("""
            frontend f
                mode http
                bind 127.0.0.1:8080
                compression algo gzip br
                default_backend b
            backend b
                mode http
                server s 127.0.0.1:8081

            """)
        XCTAssertNil(result.plan)
        let diagnostic = result.diagnostics.first { $0.rule == SemanticFindings.compressionAlgoUnknown }
        XCTAssertEqual(diagnostic?.range.start.line, 4)
        XCTAssertEqual(diagnostic?.range.start.column, 27)
        let listen = planResult("listen l\n    mode http\n    bind 127.0.0.1:8080\n    compression algo zstd\n    server s 127.0.0.1:8081\n")
        XCTAssertEqual(listen.diagnostics.filter { $0.rule == SemanticFindings.compressionAlgoUnknown }.count, 1, "\(listen.diagnostics)")
    }
}
