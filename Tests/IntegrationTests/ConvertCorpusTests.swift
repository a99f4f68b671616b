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
        let files = try WeirProcess.corpus.appendingPathComponent("haproxy-files/reg-tests")
        let target = URL(fileURLWithPath: "/tmp/haproxy-corpus/reg-tests")
        if !FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: files, to: target)
        }
        var problems: [String] = []
        var converted = 0
        for entry in try CorpusLintTests.manifest() where entry.tool == "haproxy" && entry.verdict == "valid" {
            let source = try WeirProcess.corpus.appendingPathComponent(entry.path)
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

/// `weir convert` over every keepalived config of ../shared/corpus that the
/// real keepalived accepts (the article's nodes are not among them: their
/// auth_pass is too long, an error that stops conversion): conf → YAML → conf
/// keeps every line (blocks may move, a repeated keyword gathers in place)
/// and the real `keepalived -t` gives the result the same exit status.
final class KeepalivedConvertCorpusTests: XCTestCase {
    func testRoundTripKeepsEveryLineAndKeepalivedsVerdict() throws {
        guard let keepalived = WeirProcess.which("keepalived") else {
            XCTFail("keepalived must be installed (bash .ci/run installs it)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-kconvert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let sources = try CorpusLintTests.manifest().filter { $0.tool == "keepalived" && $0.verdict == "valid" }
            .map { try WeirProcess.corpus.appendingPathComponent($0.path) }
        var problems: [String] = []
        for source in sources {
            let name = source.deletingPathExtension().lastPathComponent
            let yaml = work.appendingPathComponent(name + ".yaml")
            let toYAML = try WeirProcess.weir(["convert", source.path, "--to", "yaml", "-o", yaml.path])
            guard toYAML.status == 0 else { problems.append("\(name): to YAML: \(toYAML.stderr)"); continue }
            let out = work.appendingPathComponent(name)
            let back = try WeirProcess.weir(["convert", yaml.path, "--output-directory", out.path])
            guard back.status == 0 else { problems.append("\(name): from YAML: \(back.stderr)"); continue }
            let nodes = try FileManager.default.contentsOfDirectory(atPath: out.path)
            guard nodes.count == 1, let node = nodes.first else { problems.append("\(name): nodes \(nodes)"); continue }
            let result = out.appendingPathComponent(node + "/keepalived.conf")
            let lines = { (file: URL) -> [String] in
                let formatted = try WeirProcess.weir(["fmt", "--keepalived", "-"], stdin: Data(contentsOf: file))
                // Words as Keepalived reads them: quotes and trailing comments are not part of them.
                return formatted.stdout.split(separator: "\n").map { line in
                    var text = String(line)
                    for marker in [" #", " !"] { if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) } }
                    return text.replacingOccurrences(of: "\"", with: "").trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("!") }
                // A '{' on the line after its keyword belongs to it.
                .reduce(into: [String]()) { lines, line in
                    if line == "{", let last = lines.indices.last { lines[last] += " {" } else { lines.append(line) }
                }.sorted()
            }
            if try lines(source) != lines(result) { problems.append("\(name): lines differ") }
            let check = { (file: URL) in
                try WeirProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "timeout 20 \(keepalived.path) -t -f '\(file.path)' >/dev/null 2>&1"]).status
            }
            let before = try check(source), after = try check(result)
            if before != after { problems.append("\(name): keepalived -t exit \(before) before, \(after) after") }
        }
        XCTAssertGreaterThan(sources.count, 15)
        XCTAssertEqual(problems, [])
    }
}
