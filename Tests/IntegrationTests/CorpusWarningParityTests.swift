import Foundation
import XCTest

/// Every WARNING that haproxy 2.6 prints for a config of ../shared/corpus
/// (the recorded output in `oracle/`) has a weir warning or error of its
/// own: at the line haproxy names, or, for the warnings that name a section
/// instead of a line, from the rule that mirrors them, about that section.
final class CorpusWarningParityTests: XCTestCase {
    /// HAProxy warnings without a line, by the words they start with, and the rule that mirrors each.
    static let sectionWarnings: [(prefix: String, rule: String)] = [
        ("missing timeouts for ", "timeout-missing"),
        ("Removing incomplete section ", "peers-local-peer-missing"),
        ("log format ignored for ", "log-format-without-log"),
        ("Proxy ", "external-check-without-insecure-fork"),
    ]

    /// Warnings weir does not mirror yet, with the reason; the README's parity section lists them too.
    static let notMirrored: Set<String> = [
        // HAProxy's flag for this is set by any HTTP fetch earlier in a tcp proxy's text; weir has no table of
        // which fetches need HTTP.
        "haproxy/connection__tcp_to_http_upgrade__0.cfg:11",
    ]

    func testEveryHAProxyWarningIsMirrored() throws {
        let entries = try CorpusLintTests.manifest().filter { $0.tool == "haproxy" }
        var unmatched: [String] = []
        var mirrored = 0, total = 0
        for entry in entries {
            let output = try String(contentsOf: WeirProcess.corpus.appendingPathComponent("oracle/\(entry.path).out"), encoding: .utf8)
            let warnings = output.split(separator: "\n").filter { $0.contains("[WARNING]") }.map(String.init)
            guard !warnings.isEmpty else { continue }
            let reported = try CorpusLintTests.lint(entry).filter { $0.severity != "note" }
            for warning in warnings {
                total += 1
                let text = warning.components(separatedBy: "config : ").dropFirst().joined(separator: "config : ")
                if let line = Self.line(in: warning, of: entry.path) {
                    if reported.contains(where: { $0.line == line }) || Self.notMirrored.contains("\(entry.path):\(line)") {
                        mirrored += 1
                    } else {
                        unmatched.append("\(entry.path):\(line): \(text)")
                    }
                } else if let rule = Self.sectionWarnings.first(where: { text.hasPrefix($0.prefix) })?.rule,
                          let quoted = text.split(separator: "'").dropFirst().first, let name = quoted.split(separator: " ").last,
                          reported.contains(where: { $0.rule == rule && $0.message.contains("'\(name)'") }) {
                    mirrored += 1
                } else {
                    unmatched.append("\(entry.path): \(text)")
                }
            }
        }
        print("corpus warning parity: \(mirrored) of \(total) haproxy warnings mirrored (\(Self.notMirrored.count) known gaps)")
        XCTAssertGreaterThan(total, 100)
        XCTAssertEqual(unmatched, [], "haproxy warnings weir does not report")
    }

    /// The line a message names: `[PATH:N]`, or `(declared at PATH:N)`.
    static func line(in message: String, of path: String) -> Int? {
        for marker in ["[\(path):", "declared at \(path):"] {
            if let range = message.range(of: marker) {
                return Int(message[range.upperBound...].prefix { $0.isNumber })
            }
        }
        return nil
    }
}
