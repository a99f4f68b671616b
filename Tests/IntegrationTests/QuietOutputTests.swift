import Foundation
import XCTest

/// Every subcommand that checks a configuration prints what matters: notes
/// are counted in one line unless asked for, `--quiet` leaves errors only,
/// and the rule controls of `weir lint` (`.weir.yaml`, `--disable`) apply to
/// compile, route, run and convert too.
final class QuietOutputTests: XCTestCase {
    private var directory: URL!
    private let production = WeirProcess.packageRoot.appendingPathComponent("Fixtures/article/19-production.cfg")

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-quiet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func weir(_ arguments: [String]) throws -> WeirProcess.Result {
        try WeirProcess.weir(arguments, environment: ["NO_COLOR": "1"], directory: directory)
    }

    func testNotesAreCountedNotPrintedOutsideLint() throws {
        for command in [["route"], ["compile", "-o", "plan.json"], ["convert", "--to", "yaml", "-o", "site.yaml"]] {
            let result = try weir(command + [production.path])
            XCTAssertFalse(result.stderr.contains(": note: "), "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("4 notes not shown (--min-severity note shows them)"), "\(command): \(result.stderr)")
            XCTAssertLessThan(result.stderr.split(separator: "\n").count, 8, "\(command): \(result.stderr)")
            let all = try weir(command + ["--min-severity", "note", production.path])
            XCTAssertEqual(all.stderr.components(separatedBy: "[server-failover-time]").count - 1, 2, "\(command): \(all.stderr)")
            let quiet = try weir(command + ["--quiet", production.path])
            XCTAssertEqual(quiet.stderr, "", "\(command)")
        }
        let unformatted = directory.appendingPathComponent("x.cfg")
        try "global\n  daemon\n".write(to: unformatted, atomically: true, encoding: .utf8)
        let fmt = try weir(["fmt", "--check", unformatted.path])
        XCTAssertEqual(fmt.stderr, "not formatted: \(unformatted.path)\n")
        let quietFmt = try weir(["fmt", "--check", "--quiet", unformatted.path])
        XCTAssertEqual(quietFmt.status, 1)
        XCTAssertEqual(quietFmt.stderr, "")
        let lint = try weir(["lint", "--quiet", production.path])
        XCTAssertEqual(lint.stdout, "", "lint --quiet prints errors only, and this file has none")
        XCTAssertEqual(lint.status, 0)
    }

    func testProjectFileAndDisableApplyToEveryCommand() throws {
        try "disable: [crt-missing]\n".write(to: directory.appendingPathComponent(".weir.yaml"), atomically: true, encoding: .utf8)
        for command in [["route"], ["compile", "-o", "plan.json"], ["convert", "--to", "yaml", "-o", "site.yaml"]] {
            // crt-missing is a note: --min-severity note shows it where it is reported.
            let result = try weir(command + ["--min-severity", "note", production.path])
            XCTAssertFalse(result.stderr.contains("crt-missing"), "\(command): \(result.stderr)")
            let without = try weir(command + ["--no-project-file", "--min-severity", "note", production.path])
            XCTAssertTrue(without.stderr.contains("[crt-missing]"), "\(command): \(without.stderr)")
            let disabled = try weir(command + ["--no-project-file", "--min-severity", "note", "--disable", "crt-missing", production.path])
            XCTAssertFalse(disabled.stderr.contains("crt-missing"), "\(command): \(disabled.stderr)")
        }
        let unknown = try weir(["route", "--disable", "no-such-rule", production.path])
        XCTAssertEqual(unknown.status, 2)
    }

    func testExplainListsBySeverityAndQuietlyByID() throws {
        let full = try weir(["explain", "--list"]).stdout.split(separator: "\n")
        let errors = full.filter { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first == "error" }
            .map { String($0.prefix { $0 != " " }) }
        XCTAssertGreaterThan(errors.count, 10)
        XCTAssertLessThan(errors.count, full.count)
        let quiet = try weir(["explain", "--list", "--min-severity", "error", "--quiet"])
        XCTAssertEqual(quiet.stdout.split(separator: "\n").map(String.init), errors)
        XCTAssertEqual(try weir(["explain", "--quiet", "acl-undefined"]).stdout, "A condition names an ACL that its proxy does not define.\n")
    }

    func testStrictStopsCompileAndConvertOnAWarning() throws {
        // A frontend without 'timeout client' is a warning that haproxy -c prints too.
        let warned = directory.appendingPathComponent("warned.cfg")
        try """
            defaults
                mode http
                timeout connect 5s
                timeout server 30s
            frontend web
                bind 127.0.0.1:8080
                default_backend app
            backend app
                server a1 127.0.0.1:8081

            """.write(to: warned, atomically: true, encoding: .utf8)
        for command in [["compile", "-o", "plan.json"], ["convert", "--to", "yaml", "-o", "site.yaml"]] {
            let result = try weir(command + ["--strict", warned.path])
            XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("[timeout-missing]"), result.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["warned.cfg"], "\(command) wrote nothing")
        }
    }

    func testAUsageErrorPrintsTheSubcommandsUsageOnce() throws {
        for arguments in [["route", "--port", "9999", production.path], ["convert"], ["compile", "--disable", "nope", "x.cfg"]] {
            let result = try weir(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            let usages = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Usage:") }
            XCTAssertEqual(usages.count, 1, result.stderr)
            XCTAssertTrue(usages.first?.hasPrefix("Usage: weir \(arguments[0]) [") ?? false, result.stderr)
        }
    }

    func testRouteRefusesAnUnknownPortAndListsWhatTheEngineDoesNotRun() throws {
        let unknown = try weir(["route", "--port", "9999", production.path])
        XCTAssertTrue(unknown.stderr.contains("no frontend is bound to port 9999 (bound: http_in 80; https_in 443; stats 8404)"),
                      unknown.stderr)
        XCTAssertEqual(unknown.stdout, "")
        let https = try weir(["route", "--port", "443", "--tls", "--request", "GET /api/v1", "--header", "Host: a", production.path])
        XCTAssertEqual(https.status, 0, https.stderr)
        XCTAssertFalse(https.stdout.contains("not run by the engine yet"), "the engine runs all of this route: \(https.stdout)")
        XCTAssertTrue(https.stdout.contains("  applied [https_in] http-request track-sc0 src  (\(production.path):34:5)\n"), https.stdout)
        // A line the engine does not run (tarpit) is listed with its location.
        var lines = try String(contentsOf: production, encoding: .utf8).components(separatedBy: "\n")
        lines.insert("    http-request tarpit if { path /slow }", at: 34)
        let tarpit = FileManager.default.temporaryDirectory.appendingPathComponent("weir-route-tarpit-\(UUID().uuidString).cfg")
        try lines.joined(separator: "\n").write(to: tarpit, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tarpit) }
        let listed = try weir(["route", "--port", "443", "--tls", "--request", "GET /api/v1", "--header", "Host: a", tarpit.path])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("not run by the engine yet, so not part of this answer:\n"), listed.stdout)
        XCTAssertTrue(listed.stdout.contains("  [https_in] http-request tarpit if { path /slow }  (\(tarpit.path):35:5)"), listed.stdout)
    }
}
