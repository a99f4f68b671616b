import Foundation
import XCTest

/// The probe's reproducers (Fixtures/probe, ../shared/reference/probe-results.md)
/// run through the built `weir`: no input traps, one bad file never hides the
/// findings of the others, and a failed command writes nothing.
final class BadInputTests: XCTestCase {
    static let probe = WeirProcess.packageRoot.appendingPathComponent("Fixtures/probe")
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-badinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    func fixture(_ name: String) -> String { Self.probe.appendingPathComponent(name).path }

    /// A status that is a weir verdict (0, 1, 2), never a signal (132 is SIGILL, 139 SIGSEGV).
    func assertNoTrap(_ result: WeirProcess.Result, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue([0, 1, 2].contains(result.status), "\(label) ended with \(result.status): \(result.stderr)", file: file, line: line)
    }

    /// D7: the 33-byte fuzz case, the config it was cut from and its readable form trap no more, and the
    /// other files of the run keep their findings.
    func testKeepalivedVIPSlashIsReportedAndOtherFilesStillChecked() throws {
        for name in ["lint-crash-KeepalivedLowerer63.min.conf", "lint-crash-KeepalivedLowerer63.orig.conf", "crash-keepalived-vip-slash.conf"] {
            let result = try WeirProcess.weir(["lint", "--format", "json", fixture(name), fixture("lint-misses-nul-at-column-1.cfg")])
            assertNoTrap(result, name)
            XCTAssertEqual(result.status, 1)
            let found = try ReportedDiagnostic.parse(result.stdout)
            XCTAssertTrue(found.contains { $0.file.hasSuffix(name) }, "\(name): \(found)")
            XCTAssertTrue(found.contains { $0.rule == "stray-nul-byte" && $0.line == 2 && $0.column == 1 }, "the other file: \(found)")
        }
        let convert = try WeirProcess.weir(["convert", fixture("convert-crash-keepalived-vip-slash.yaml"), "--output-directory", work.path])
        assertNoTrap(convert, "convert")
        XCTAssertEqual(convert.status, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), [], "nothing written")
    }

    /// D2 and D15: lint judges `forwardfor except` and pattern-file addresses as HAProxy does.
    func testLintReportsWhatHAProxyRefuses() throws {
        let cases = [("forwardfor-except-slash.cfg", "forwardfor-except-invalid", 8), ("acl-src-file.cfg", "acl-invalid", 8),
                     ("acl-src-slash.cfg", "acl-invalid", 8), ("lint-misses-nul-at-column-1.cfg", "stray-nul-byte", 2)]
        for (name, rule, line) in cases {
            let result = try WeirProcess.weir(["lint", "--format", "json", name], directory: Self.probe)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stdout)")
            let found = try ReportedDiagnostic.parse(result.stdout).filter { $0.severity == "error" }
            XCTAssertEqual(found.map(\.rule), [rule], name)
            XCTAssertEqual(found.first?.line, line, name)
            for command in [["compile", name], ["route", name, "GET", "/"]] {
                assertNoTrap(try WeirProcess.weir(command, directory: Self.probe), "\(command)")
            }
        }
    }

    /// D4, D5, D6, D9: hostile or mistaken YAML is an error at its line, quickly, and nothing is written.
    func testHostileYAMLIsRefusedAtItsLine() throws {
        let cases: [(String, String, Int)] = [
            ("convert-newline-injection.yaml", "yaml-value-unwritable", 2),
            ("convert-yaml-deep-nesting.yaml", "yaml-too-large", 2),
            ("convert-yaml-billion-laughs-keepalived-blocks.yaml", "yaml-too-large", 0),
            ("convert-keepalived-instances-as-list-empty-output.yaml", "yaml-unexpected-type", 3),
        ]
        for (name, rule, line) in cases {
            let output = work.appendingPathComponent(name)
            let start = Date()
            let result = try WeirProcess.weir(["convert", "--format", "json", fixture(name), "-o", output.path])
            XCTAssertLessThan(Date().timeIntervalSince(start), 20, name)
            assertNoTrap(result, name)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            let found = try ReportedDiagnostic.parse(result.stderr)
            XCTAssertTrue(found.contains { $0.rule == rule && (line == 0 || $0.line == line) }, "\(name): \(found)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "\(name): nothing is written")
        }
        for command in [["compile", fixture("convert-yaml-deep-nesting.yaml")]] {
            assertNoTrap(try WeirProcess.weir(command), "\(command)")
        }
    }

    /// A project file nested thousands of levels deep is an error at its place, not a stack overflow.
    func testDeeplyNestedProjectFileIsAnError() throws {
        try ("disable: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
            .write(to: work.appendingPathComponent(".weir.yaml"), atomically: false, encoding: .utf8)
        try "global\n    maxconn 10\n".write(to: work.appendingPathComponent("a.cfg"), atomically: false, encoding: .utf8)
        let result = try WeirProcess.weir(["lint", "a.cfg"], directory: work)
        assertNoTrap(result, "lint with a deep .weir.yaml")
        XCTAssertEqual(result.status, 2, result.stderr + result.stdout)
        XCTAssertTrue((result.stderr + result.stdout).contains("nested more than 128 levels"), result.stderr + result.stdout)
    }

    /// D8, D11: fmt refuses what it cannot format losslessly and leaves the file as it was.
    func testFmtRefusesFilesHAProxyRefusesAndKeepsBytes() throws {
        for name in ["fmt-dataloss-cr-only.cfg", "fmt-dataloss-nul-at-line-start.cfg"] {
            let copy = work.appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: fixture(name), toPath: copy.path)
            let result = try WeirProcess.weir(["fmt", copy.path])
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("not formatted: \(copy.path)"), result.stderr)
            XCTAssertEqual(try Data(contentsOf: copy), try Data(contentsOf: URL(fileURLWithPath: fixture(name))), "\(name) untouched")
            let piped = try WeirProcess.weir(["fmt", "--haproxy", "-"], stdin: try Data(contentsOf: copy))
            XCTAssertEqual(piped.status, 1)
            XCTAssertEqual(Data(piped.stdout.utf8), try Data(contentsOf: copy), "\(name): standard input passes through unchanged")
        }
        let latin1 = work.appendingPathComponent("latin1.cfg")
        try FileManager.default.copyItem(atPath: fixture("fmt-rewrites-latin1-bytes.cfg"), toPath: latin1.path)
        XCTAssertEqual(try WeirProcess.weir(["fmt", latin1.path]).status, 0)
        let bytes = try Data(contentsOf: latin1)
        XCTAssertTrue(bytes.contains(0xE9) && bytes.contains(0xFC) && !bytes.contains(0xEF), "Latin-1 bytes kept")
    }

    /// A closed standard input is an I/O error, not an empty file with "No problems".
    func testClosedStandardInputIsAnIOError() throws {
        let weir = try WeirProcess.binary.path
        for command in ["lint -", "fmt --haproxy -"] {
            let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(weir)' \(command) <&-"])
            XCTAssertEqual(result.status, 2, "\(command): \(result.stdout) \(result.stderr)")
            XCTAssertFalse(result.stdout.contains("No problems"), command)
        }
    }

    /// D13: a closed or full standard output is an I/O error (status 2 and a message), not SIGILL.
    func testClosedOrFullStandardOutputIsAnIOError() throws {
        let weir = try WeirProcess.binary.path
        let bad = fixture("forwardfor-except-slash.cfg")
        for redirect in [">/dev/full", ">&-"] {
            for command in ["lint '\(bad)'", "fmt --haproxy - <'\(fixture("fmt-rewrites-latin1-bytes.cfg"))'",
                            "convert '\(fixture("fmt-rewrites-latin1-bytes.cfg"))' --to yaml"] {
                let result = try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(weir)' \(command) \(redirect)"])
                XCTAssertEqual(result.status, 2, "\(command) \(redirect): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("cannot write to standard output"), "\(command) \(redirect): \(result.stderr)")
            }
        }
    }
}
