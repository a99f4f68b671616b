import Foundation
import XCTest

/// `weir convert` over every haproxy config of ../shared/corpus that the
/// real haproxy accepts: cfg → YAML → cfg succeeds, and the real `haproxy -c`
/// gives the round-tripped file the same exit status as the original.
final class ConvertCorpusTests: XCTestCase {
    func testRoundTripKeepsHAProxysVerdict() throws {
        guard WeirProcess.which("haproxy") != nil else {
            XCTFail("haproxy must be installed (bash .ci/run installs it)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let files = WeirProcess.corpus.appendingPathComponent("haproxy-files/reg-tests")
        let target = URL(fileURLWithPath: "/tmp/haproxy-corpus/reg-tests")
        if !FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: files, to: target)
        }
        var problems: [String] = []
        var converted = 0
        for entry in try CorpusLintTests.manifest() where entry.tool == "haproxy" && entry.verdict == "valid" {
            let source = WeirProcess.corpus.appendingPathComponent(entry.path)
            let yaml = work.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".yaml")
            let back = work.appendingPathComponent(source.lastPathComponent)
            let toYAML = try WeirProcess.weir(["convert", source.path, "-o", yaml.path])
            guard toYAML.status == 0 else { problems.append("\(entry.path): to YAML: \(toYAML.stderr)"); continue }
            let toConfig = try WeirProcess.weir(["convert", yaml.path, "-o", back.path])
            guard toConfig.status == 0 else { problems.append("\(entry.path): from YAML: \(toConfig.stderr)"); continue }
            let check = { (file: URL) in
                try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "timeout 20 haproxy -c -f '\(file.path)' >/dev/null 2>&1"],
                                    directory: work).status
            }
            let before = try check(source), after = try check(back)
            if before != after { problems.append("\(entry.path): haproxy -c exit \(before) before, \(after) after") }
            converted += 1
        }
        XCTAssertGreaterThan(converted, 200)
        XCTAssertEqual(problems, [])
    }
}
