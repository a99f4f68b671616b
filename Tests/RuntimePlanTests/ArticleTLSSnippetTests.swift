import Foundation
import RuntimePlan
import WeirTestSupport
import XCTest

/// The article's TLS snippets compile with TLS as written, apart from the
/// certificate path (the tuning snippet with its continued lines joined,
/// since HAProxy has no line continuation).
final class ArticleTLSSnippetTests: XCTestCase {
    private func snippet(_ name: String) throws -> String {
        if let failure = TestPKI.shared.failure { XCTFail("the test PKI could not be made: \(failure)") }
        return try String(contentsOfFile: fixture("article/\(name)"), encoding: .utf8)
            .replacingOccurrences(of: "/etc/haproxy/certs/solvethenetwork.com.pem", with: TestPKI.shared.path("a.pem"))
    }

    private func tls(of plan: RuntimePlan, _ frontend: String) throws -> BindTLS {
        try XCTUnwrap(plan.frontends.first { $0.name == frontend }?.binds.first?.tls, frontend)
    }

    func testSSLTerminationSnippet() throws {
        let plan = try XCTUnwrap(compilePlan(try snippet("06-ssl-termination.cfg")))
        XCTAssertEqual(try tls(of: plan, "https_frontend").certificates.map(\.path), [TestPKI.shared.path("a.pem")])
        XCTAssertNil(plan.frontends.first { $0.name == "http_frontend" }?.binds.first?.tls)
        XCTAssertFalse(plan.unsupported.contains { $0.feature.hasPrefix("tls") }, "\(plan.unsupported)")
    }

    func testTLSTuningSnippetWithItsLinesJoined() throws {
        let joined = try snippet("07-tls-tuning.cfg").replacingOccurrences(of: " \\\n", with: " ")
        let settings = try tls(of: try XCTUnwrap(compilePlan(joined + "    default_backend b\nbackend b\n    server s 127.0.0.1:80\n")),
                               "https_frontend")
        XCTAssertEqual(settings.minimumVersion, .tls12)
        XCTAssertEqual(settings.ciphers, ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"])
    }

    func testProductionConfigTakesTheGlobalTLSDefaults() throws {
        let plan = try XCTUnwrap(compilePlan(try snippet("19-production.cfg")))
        let settings = try tls(of: plan, "https_in")
        XCTAssertEqual(settings.minimumVersion, .tls12)
        XCTAssertEqual(settings.ciphers, ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"])
        XCTAssertEqual(settings.alpn, [])
        XCTAssertFalse(plan.unsupported.contains { $0.feature.hasPrefix("tls") }, "\(plan.unsupported)")
    }
}
