import Foundation
import XCTest

/// Grammar/haproxy-diagnostics.tsv lists every ALERT and WARNING that
/// HAProxy 2.6's configuration code can print, with the weir rule that
/// mirrors each. For every row that has a trigger configuration
/// (Fixtures/haproxy-diagnostics/), the real `haproxy -c` must print that
/// message, and `weir lint` must report one of the row's rules at the line
/// haproxy names, as an error where haproxy refuses the configuration and as
/// a warning where it only warns.
final class HAProxyDiagnosticsTableTests: XCTestCase {
    /// One row of the table.
    struct Row {
        var id: String
        var source: String
        var severity: String
        var message: String
        var rules: [String]
        var trigger: String
    }

    static func table() throws -> [Row] {
        let url = WeirProcess.packageRoot.appendingPathComponent("Grammar/haproxy-diagnostics.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .filter { !$0.hasPrefix("#") }
            .map { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let message = fields[4].replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
                    .replacingOccurrences(of: "\\\\", with: "\\")
                return Row(id: fields[0], source: fields[1], severity: fields[3], message: message,
                           rules: fields[5].split(separator: ",").map(String.init), trigger: fields[7])
            }
    }

    /// The first line of the message format as a regular expression (HAProxy prints further lines on lines of
    /// their own): `%s`, `%d`, `%.*s`… match anything.
    static func pattern(_ format: String) throws -> NSRegularExpression {
        let placeholder = try NSRegularExpression(pattern: "%[-+ #0]*(\\d+|\\*)?(\\.(\\d+|\\*))?(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp]")
        let text = String(format.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != "\n" })
        var pieces: [String] = [], last = text.startIndex
        for match in placeholder.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            pieces.append(NSRegularExpression.escapedPattern(for: String(text[last..<range.lowerBound])))
            last = range.upperBound
        }
        pieces.append(NSRegularExpression.escapedPattern(for: String(text[last...])))
        return try NSRegularExpression(pattern: pieces.joined(separator: ".*?").replacingOccurrences(of: "%%", with: "%"),
                                       options: [.dotMatchesLineSeparators])
    }

    func testTableRowsAreWellFormedAndCoverageIsReported() throws {
        let rows = try Self.table()
        XCTAssertGreaterThan(rows.count, 1500, "the table lists HAProxy 2.6's configuration diagnostics")
        XCTAssertEqual(Set(rows.map(\.id)).count, rows.count, "ids are unique")
        let catalog = try WeirProcess.weir(["explain", "--list"])
        let known = Set(catalog.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        XCTAssertGreaterThan(known.count, 100, catalog.stderr)
        for row in rows {
            XCTAssertTrue(["alert", "warning", "diag", "notice"].contains(row.severity), row.id)
            XCTAssertNoThrow(try Self.pattern(row.message), row.id)
            for rule in row.rules where rule != "-" {
                XCTAssertTrue(known.contains(rule), "\(row.id) names rule '\(rule)', which weir does not have")
            }
        }
        let counted = rows.filter { $0.rules != ["-"] }
        let mirrored = counted.filter { !$0.rules.isEmpty }
        let triggered = mirrored.filter { !$0.trigger.isEmpty }
        print("haproxy 2.6 diagnostics: \(rows.count) rows, \(rows.count - counted.count) not caused by a configuration "
              + "text, \(mirrored.count) of \(counted.count) mirrored "
              + "(\(String(format: "%.1f", 100.0 * Double(mirrored.count) / Double(counted.count)))%), "
              + "\(triggered.count) checked by a trigger configuration")
        XCTAssertGreaterThanOrEqual(triggered.count, 40)
        let fixtures = try FileManager.default.contentsOfDirectory(
            atPath: WeirProcess.packageRoot.appendingPathComponent("Fixtures/haproxy-diagnostics").path)
            .filter { $0.hasSuffix(".cfg") }.map { "Fixtures/haproxy-diagnostics/\($0)" }
        XCTAssertEqual(Set(fixtures), Set(rows.map(\.trigger).filter { !$0.isEmpty }),
                       "every trigger configuration names a row of the table (regenerate the table)")
    }

    func testEveryTriggerMakesHAProxyAndWeirReportTheSameThing() throws {
        let haproxy = try XCTUnwrap(WeirProcess.which("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let root = WeirProcess.packageRoot
        var failures: [String] = []
        var checked = 0
        for row in try Self.table() where !row.trigger.isEmpty {
            checked += 1
            let verdict = try WeirProcess.run(haproxy, ["-c", "-f", row.trigger], directory: root)
            let output = verdict.stdout + verdict.stderr
            let tag = row.severity == "alert" ? "[ALERT]" : "[WARNING]"
            let pattern = try Self.pattern(row.message)
            guard let printed = output.split(separator: "\n").map(String.init).first(where: { line in
                line.contains(tag) && pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
            }) else {
                failures.append("\(row.id): haproxy does not print it for \(row.trigger):\n\(output)")
                continue
            }
            let refused = verdict.status == 1
            // A trigger holds only the mistake, so a refused file was refused for it: some WARNINGs also stop
            // HAProxy's parsing (ERR_ABORT), and weir must then say error.
            let expected = refused ? "error" : "warning"
            let lint = try WeirProcess.weir(["lint", "--haproxy", "--format", "json", row.trigger], directory: root)
            let reported = try ReportedDiagnostic.parse(lint.stdout)
            // The line HAProxy reports the message at (`[FILE:N]`); a message about a whole proxy names none.
            let line = printed.range(of: "[\(row.trigger):").flatMap { Int(printed[$0.upperBound...].prefix { $0.isNumber }) }
            let matching = reported.filter { row.rules.contains($0.rule) && (line == nil || $0.line == line) }
            if matching.isEmpty {
                failures.append("\(row.id): weir reports none of \(row.rules) at line \(line.map(String.init) ?? "any") of "
                                + "\(row.trigger); it reports \(reported)")
            } else if !matching.contains(where: { $0.severity == expected }) {
                failures.append("\(row.id): weir reports \(matching) where haproxy \(refused ? "refuses" : "accepts") "
                                + "the configuration with this \(row.severity): expected \(expected)")
            }
        }
        print("haproxy diagnostics: \(checked) trigger configurations checked against haproxy -c and weir lint")
        XCTAssertGreaterThanOrEqual(checked, 40)
        XCTAssertEqual(failures, [], failures.joined(separator: "\n\n"))
    }
}
