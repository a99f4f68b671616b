import Foundation
import XCTest

/// `weir lint` as a user runs it: exit codes, formats, inputs, hostile files.
final class LintCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func lint(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> WeirProcess.Result {
        try WeirProcess.weir(["lint"] + arguments, stdin: stdin, environment: environment, directory: directory)
    }

    static let good = "global\n    maxconn 100\n\ndefaults\n    mode http\n    timeout connect 5s\n"

    func testExitStatusAndCleanOutput() throws {
        try write("good.cfg", Self.good)
        let result = try lint(["good.cfg"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "No problems found in 1 file.\n")
        XCTAssertEqual(try lint(["--format", "github", "good.cfg"]).stdout, "")
    }

    func testErrorsExitOneWithClangStyleText() throws {
        try write("bad.cfg", "defaults\n    timeout connect 5Sec\n")
        let result = try lint(["bad.cfg"], environment: ["NO_COLOR": "1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.hasPrefix("bad.cfg:2:21: error: unknown time unit 'Sec' in '5Sec'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("    timeout connect 5Sec\n                    ^~~~\n"), result.stdout)
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "no colour without a terminal")
        let forced = try lint(["--color", "always", "bad.cfg"])
        XCTAssertTrue(forced.stdout.contains("\u{1B}["))
    }

    func testStrictTurnsWarningsIntoFailure() throws {
        try write("warn.cfg", "global\n    log \"$WEIR_TEST_UNSET_VARIABLE\" local0\n")
        XCTAssertEqual(try lint(["warn.cfg"]).status, 0)
        XCTAssertEqual(try lint(["--strict", "warn.cfg"]).status, 1)
        XCTAssertEqual(try lint(["--env", "WEIR_TEST_UNSET_VARIABLE=127.0.0.1:514", "--strict", "warn.cfg"]).status, 0)
    }

    func testUnreadableInputExitsTwoWithADiagnostic() throws {
        let result = try lint(["--format", "json", "missing.cfg"])
        XCTAssertEqual(result.status, 2)
        let diagnostics = try ReportedDiagnostic.parse(result.stdout)
        XCTAssertEqual(diagnostics.map(\.rule), ["file-unreadable"])
        XCTAssertEqual(diagnostics.first?.file, "missing.cfg")
        if getuid() != 0 {
            let locked = try write("locked.cfg", Self.good)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
            XCTAssertEqual(try lint(["locked.cfg"]).status, 2)
        }
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try lint([]).status, 2)
        XCTAssertEqual(try lint(["--format", "xml", "a.cfg"]).status, 2)
        XCTAssertEqual(try lint(["--haproxy", "--keepalived", "a.cfg"]).status, 2)
    }

    func testStandardInputAndFormats() throws {
        let input = Data("backend b\n    balanse roundrobin\n".utf8)
        let json = try lint(["--format", "json", "-"], stdin: input)
        XCTAssertEqual(json.status, 1)
        XCTAssertEqual(try ReportedDiagnostic.parse(json.stdout).map(\.description), ["error 2:5 unknown-keyword"])
        let sarif = try lint(["--format", "sarif", "--haproxy", "-"], stdin: input)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(log?["version"] as? String, "2.1.0")
        let github = try lint(["--format", "github", "-"], stdin: input)
        XCTAssertTrue(github.stdout.hasPrefix("::error file=-,line=2,col=5"), github.stdout)
    }

    func testDirectoryOfConfigsIsReadInHAProxyOrder() throws {
        let conf = directory.appendingPathComponent("conf.d")
        try FileManager.default.createDirectory(at: conf, withIntermediateDirectories: true)
        try Data("global\n    daemon\n".utf8).write(to: conf.appendingPathComponent("10-global.cfg"))
        try Data("backend b\n    mode htp\n".utf8).write(to: conf.appendingPathComponent("20-backend.cfg"))
        try Data("not read\n".utf8).write(to: conf.appendingPathComponent("30-notes.cfg.bak"))
        let result = try lint(["--format", "json", "conf.d"])
        let reported = try ReportedDiagnostic.parse(result.stdout)
        XCTAssertEqual(reported.map(\.file), ["conf.d/20-backend.cfg"])
        XCTAssertEqual(reported.map(\.rule), ["invalid-argument"])
    }

    func testHostileInputsEndInDiagnostics() throws {
        var garbage = Data(count: 300_000)
        var seed: UInt64 = 7
        for index in garbage.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            garbage[index] = UInt8(truncatingIfNeeded: seed >> 33)
        }
        try garbage.write(to: directory.appendingPathComponent("garbage.cfg"))
        let garbageResult = try lint(["--format", "json", "garbage.cfg"])
        XCTAssertEqual(garbageResult.status, 1)
        XCTAssertFalse(try ReportedDiagnostic.parse(garbageResult.stdout).isEmpty)

        try write("long.cfg", "global\n    log " + String(repeating: "a", count: 1 << 20) + " \"unterminated\n")
        let long = try lint(["--format", "json", "long.cfg"])
        XCTAssertEqual(try ReportedDiagnostic.parse(long.stdout).map(\.rule), ["unmatched-quote"])

        try write("braces.conf", String(repeating: "vrrp_instance X {\n", count: 10_000))
        XCTAssertEqual(try lint(["--keepalived", "braces.conf"]).status, 1)
    }

    func testConfigIDSelectsConditionalLines() throws {
        try write("pair.conf", "vrrp_instance VI_1 {\n@node-a    priorty 150\n@^node-a   priority 50\n}\n")
        XCTAssertEqual(try lint(["--config-id", "node-b", "pair.conf"]).status, 0)
        let result = try lint(["--config-id", "node-a", "--format", "json", "pair.conf"])
        XCTAssertEqual(try ReportedDiagnostic.parse(result.stdout).map(\.description), ["error 2:12 keepalived-unknown-keyword"])
    }

    func testDirectoryOfTenThousandFiles() throws {
        let many = directory.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: many, withIntermediateDirectories: true)
        // Plain stdio: Foundation's Data.write is too slow for 10,000 files.
        for index in 0..<10_000 {
            let name = String(repeating: "0", count: 5 - String(index).count) + String(index) + ".cfg"
            guard let handle = fopen(many.appendingPathComponent(name).path, "w") else { throw CocoaError(.fileWriteUnknown) }
            fputs("backend b\(index)\n    balance roundrobin\n", handle)
            fclose(handle)
        }
        let result = try lint(["--format", "json", "many"])
        XCTAssertEqual(result.status, 0, result.stdout)
    }
}
