import Foundation
import XCTest

/// Differential test over ../shared/corpus: weir must report no error on
/// any config that the real haproxy 2.6 or keepalived 2.2 accepts, and an
/// error on the configs they reject for a reason in the text (`invalid`;
/// `env` verdicts depend on files and interfaces and are left out).
final class CorpusLintTests: XCTestCase {
    struct Entry {
        var path: String
        var tool: String
        var verdict: String
        /// The real tool's first error, as the manifest records it.
        var firstError: String

        /// The line of the first error when haproxy names one (`[path:12]`).
        var firstErrorLine: Int? {
            guard let range = firstError.range(of: path + ":") else { return nil }
            return Int(firstError[range.upperBound...].prefix { $0.isNumber })
        }
    }

    static func manifest() throws -> [Entry] {
        let url = try WeirProcess.corpus.appendingPathComponent("manifest.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return rows.map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(path: fields[0], tool: fields[1], verdict: fields[4], firstError: fields[5])
        }
    }

    static func lint(_ entry: Entry) throws -> [ReportedDiagnostic] {
        let format = entry.tool == "haproxy" ? "--haproxy" : "--keepalived"
        let result = try WeirProcess.weir(["lint", format, "--format", "json", entry.path], directory: WeirProcess.corpus)
        XCTAssertNotEqual(result.status, 2, "\(entry.path): \(result.stderr)")
        return try ReportedDiagnostic.parse(result.stdout)
    }

    func testNoErrorOnConfigsTheRealToolsAccept() throws {
        let valid = try Self.manifest().filter { $0.verdict == "valid" }
        XCTAssertGreaterThan(valid.count, 250)
        var falseErrors: [String] = []
        var clean = 0
        for entry in valid {
            let errors = try Self.lint(entry).filter { $0.severity == "error" }
            if errors.isEmpty { clean += 1 }
            for diagnostic in errors {
                falseErrors.append("\(entry.path):\(diagnostic.line):\(diagnostic.column): \(diagnostic.rule): \(diagnostic.message)")
            }
        }
        print("corpus agreement: no error on \(clean) of \(valid.count) accepted configs (\(Self.percent(clean, valid.count)))")
        XCTAssertEqual(falseErrors, [], "weir reports errors on configs the real tools accept")
    }

    /// Every rejected haproxy config gets an error, at the line haproxy
    /// names first when it names one (the right reason, not a lucky one);
    /// the share of rejected configs caught is printed per tool.
    func testRejectedConfigsAgreement() throws {
        let invalid = try Self.manifest().filter { $0.verdict == "invalid" }
        var figures: [String] = []
        var caughtByTool: [String: (caught: Int, total: Int)] = [:]
        var wrongPlace: [String] = []
        var missed: [String] = []
        for entry in invalid {
            let errors = try Self.lint(entry).filter { $0.severity == "error" }
            caughtByTool[entry.tool, default: (0, 0)].total += 1
            guard !errors.isEmpty else { missed.append(entry.path); continue }
            caughtByTool[entry.tool, default: (0, 0)].caught += 1
            if let line = entry.firstErrorLine, !errors.contains(where: { $0.line == line }) {
                wrongPlace.append("\(entry.path):\(line): \(errors.map(\.description))")
            }
        }
        for (tool, figure) in caughtByTool.sorted(by: { $0.key < $1.key }) {
            figures.append("\(tool) \(figure.caught)/\(figure.total) (\(Self.percent(figure.caught, figure.total)))")
        }
        print("corpus agreement: an error on rejected configs: \(figures.joined(separator: ", ")); missed: \(missed)")
        XCTAssertEqual(wrongPlace, [], "weir's errors miss the line the real tool rejects")
        let haproxy = caughtByTool["haproxy"] ?? (0, 0)
        XCTAssertGreaterThanOrEqual(haproxy.caught * 100, haproxy.total * 95, "fewer than 95% of the rejected haproxy configs get an error")
        XCTAssertGreaterThan(caughtByTool["keepalived"]?.caught ?? 0, 0)
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "n/a" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
