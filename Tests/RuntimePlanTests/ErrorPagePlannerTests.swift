import RuntimePlan
import XCTest

/// The planner reads error pages and reply bodies when it compiles: `errorfiles` with `http-errors` sections,
/// `http-error status`, `return file|lf-file`; and it does not list settings that change nothing the engine runs.
final class ErrorPagePlannerTests: XCTestCase {
    static let pages = [
        "/e/400-one": "HTTP/1.1 400 One\r\n\r\n", "/e/404-one": "HTTP/1.1 404 One\r\n\r\n",
        "/e/400-two": "HTTP/1.1 400 Two\r\n\r\n", "/e/500": "HTTP/1.1 500 Mine\r\n\r\n",
        "/e/body.txt": "a body", "/e/lf.txt": "path %[path]\n",
    ]

    func testErrorfilesAndHTTPErrorLinesResolveInOrderAfterTheDefaults() throws {
        let plan = try XCTUnwrap(compilePlan("""
            http-errors one
                errorfile 400 /e/400-one
                errorfile 404 /e/404-one
            http-errors two
                errorfile 400 /e/400-two
            defaults
                mode http
                errorfiles one
                errorfile 500 /e/500
            frontend f
                bind 127.0.0.1:8080
                errorfiles two 400
                default_backend b
            backend b
                errorfiles two
                http-error status 404 default-errorfiles
                http-error status 500 errorfiles one
                server s 127.0.0.1:1

            """, patternFiles: Self.pages))
        let frontend = try XCTUnwrap(plan.frontends.first)
        XCTAssertEqual(frontend.errorFiles.map(\.status), [400, 404, 500])
        XCTAssertEqual(frontend.errorFiles.map(\.response), ["HTTP/1.1 400 Two\r\n\r\n", "HTTP/1.1 404 One\r\n\r\n",
                                                              "HTTP/1.1 500 Mine\r\n\r\n"])
        let backend = try XCTUnwrap(plan.backend(named: "b"))
        XCTAssertEqual(backend.errorFiles.map(\.response), ["HTTP/1.1 400 Two\r\n\r\n", "HTTP/1.1 500 Mine\r\n\r\n"],
                       "404 is HAProxy's own page again; section one has no 500, which haproxy -c warns about and ignores")
        XCTAssertEqual(plan.unsupported, [])
    }

    func testAnHTTPErrorWithABodyOfItsOwnStaysUnsupported() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-error status 400
                http-error status 503 content-type text/plain string down
                http-request return status 200

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive),
                       ["http-error status 400", "http-error status 503 content-type text/plain string down"])
    }

    func testReturnReadsFileBodiesAndDropsTheContentTypeOfAnEmptyOne() throws {
        let plan = try XCTUnwrap(compilePlan("""
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request return content-type text/plain file /e/body.txt if { path /a }
                http-request return content-type text/plain lf-file /e/lf.txt if { path /b }
                http-request return content-type text/plain file /dev/null if { path /c }
                http-request return content-type text/plain if { path /d }
                http-request return content-type text/plain file /e/missing

            """, patternFiles: Self.pages))
        let rules = try XCTUnwrap(plan.frontends.first).httpRequestRules
        XCTAssertEqual(rules.count, 4)
        XCTAssertEqual(rules[0].value, LogFormat(literal: "a body"))
        XCTAssertEqual(rules[0].contentType, "text/plain")
        XCTAssertEqual(rules[1].value?.parts.count, 3, "path, the fetch, the newline")
        XCTAssertEqual(rules.dropFirst(2).map(\.contentType), [nil, nil])
        XCTAssertEqual(plan.unsupported.map(\.directive), ["http-request return content-type text/plain file /e/missing"])
    }

    func testDenyAndReturnNamingAPageCarryItAndADenyMayHaveAReplyOfItsOwn() throws {
        let plan = try XCTUnwrap(compilePlan("""
            http-errors one
                errorfile 400 /e/400-one
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request deny deny_status 400 errorfiles one if { path /a }
                http-request deny status 500 errorfile /e/500 if { path /b }
                http-request return status 404 default-errorfiles if { path /c }
                http-request deny status 404 errorfiles one if { path /d }
                http-request deny status 500 content-type text/plain string oops if { path /e }

            """, patternFiles: Self.pages))
        let rules = try XCTUnwrap(plan.frontends.first).httpRequestRules
        XCTAssertEqual(rules.map(\.errorPage), [.file(ErrorFile(status: 400, response: "HTTP/1.1 400 One\r\n\r\n")),
                                                .file(ErrorFile(status: 500, response: "HTTP/1.1 500 Mine\r\n\r\n")), .proxy, nil])
        XCTAssertEqual(rules.map(\.status), [400, 500, 404, 500])
        XCTAssertEqual(rules.map(\.action), [.deny, .deny, .return, .deny])
        XCTAssertEqual(rules[3].value, LogFormat(literal: "oops"))
        XCTAssertEqual(rules[3].contentType, "text/plain")
        XCTAssertEqual(plan.unsupported.map(\.source.line), [10], "section one has no 404")
    }

    func testIdlePoolsNotSharedAndAnUnusedTarpitTimeoutAreRunAsWritten() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                tune.idle-pool.shared off
            defaults
                mode http
                timeout tarpit 5s
            frontend f
                bind 127.0.0.1:8080
                http-request return status 200
            frontend g
                bind 127.0.0.1:8081
                timeout tarpit 2s
                http-request tarpit

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive), ["timeout tarpit 2s", "http-request tarpit"])
        let shared = try XCTUnwrap(compilePlan("global\n    tune.idle-pool.shared on\n"))
        XCTAssertEqual(shared.unsupported.map(\.directive), ["tune.idle-pool.shared on"])
    }
}
