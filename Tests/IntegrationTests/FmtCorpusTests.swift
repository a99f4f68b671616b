import Foundation
import XCTest

/// `weir fmt` over every config of ../shared/corpus: formatting is
/// idempotent, and the real haproxy -c / keepalived -t give the same verdict
/// before and after.
final class FmtCorpusTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // Configs that name certificates or maps expect the reg-test files here.
        let target = URL(fileURLWithPath: "/tmp/haproxy-corpus/reg-tests")
        if !FileManager.default.fileExists(atPath: target.path),
           let files = try? WeirProcess.corpus.appendingPathComponent("haproxy-files/reg-tests"),
           FileManager.default.fileExists(atPath: files.path) {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: files, to: target)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    /// Formats a copy of a corpus config in place and returns the copy and its formatted text.
    func formatCopy(_ entry: CorpusLintTests.Entry) throws -> (original: URL, formatted: URL, text: String) {
        let source = try WeirProcess.corpus.appendingPathComponent(entry.path)
        let name = source.lastPathComponent
        let original = work.appendingPathComponent("orig-" + name)
        let formatted = work.appendingPathComponent("fmt-" + name)
        try? FileManager.default.removeItem(at: original)
        try? FileManager.default.removeItem(at: formatted)
        try FileManager.default.copyItem(at: source, to: original)
        try FileManager.default.copyItem(at: source, to: formatted)
        let flag = entry.tool == "haproxy" ? "--haproxy" : "--keepalived"
        let result = try WeirProcess.weir(["fmt", flag, formatted.path])
        XCTAssertEqual(result.status, 0, "\(entry.path): \(result.stderr)")
        let check = try WeirProcess.weir(["fmt", flag, "--check", formatted.path])
        XCTAssertEqual(check.status, 0, "\(entry.path): formatting is not idempotent")
        return (original, formatted, try String(contentsOf: formatted, encoding: .utf8))
    }

    func verdict(_ tool: String, _ file: URL) throws -> Int32 {
        let command = tool == "haproxy" ? "haproxy -c -f '\(file.path)'" : "keepalived -t -f '\(file.path)'"
        return try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "timeout 20 \(command) >/dev/null 2>&1"],
                                   directory: work).status
    }

    func testFormattingKeepsTheRealToolsVerdicts() throws {
        guard WeirProcess.which("haproxy") != nil, WeirProcess.which("keepalived") != nil else {
            XCTFail("haproxy and keepalived must be installed (bash .ci/run installs them)")
            return
        }
        var changed = 0
        var disagreements: [String] = []
        for entry in try CorpusLintTests.manifest() {
            let (original, formatted, _) = try formatCopy(entry)
            if try Data(contentsOf: original) != Data(contentsOf: formatted) { changed += 1 }
            let before = try verdict(entry.tool, original)
            let after = try verdict(entry.tool, formatted)
            if before != after { disagreements.append("\(entry.path): exit \(before) before, \(after) after") }
        }
        XCTAssertGreaterThan(changed, 100, "formatting should change most corpus files")
        XCTAssertEqual(disagreements, [])
    }

    func testCheckAndDiffAndPermissions() throws {
        let file = work.appendingPathComponent("x.cfg")
        try Data("global\n  maxconn   10\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        XCTAssertEqual(try WeirProcess.weir(["fmt", "--check", file.path]).status, 1)
        let diff = try WeirProcess.weir(["fmt", "--diff", file.path])
        XCTAssertTrue(diff.stdout.contains("-  maxconn   10\n+    maxconn 10\n"), diff.stdout)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "global\n  maxconn   10\n", "--diff writes nothing")
        XCTAssertEqual(try WeirProcess.weir(["fmt", file.path]).status, 0)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "global\n    maxconn 10\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o640)
        XCTAssertEqual(try WeirProcess.weir(["fmt", "--check", file.path]).status, 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(".weir-") }
        XCTAssertEqual(leftovers, [])
        let stdin = try WeirProcess.weir(["fmt", "-"], stdin: Data("global\n daemon\n".utf8))
        XCTAssertEqual(stdin.stdout, "global\n    daemon\n")
        XCTAssertEqual(try WeirProcess.weir(["fmt", work.appendingPathComponent("missing.cfg").path]).status, 2)
    }
}
