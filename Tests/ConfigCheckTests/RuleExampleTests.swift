import ConfigCheck
import ConfigDiagnostics
import ConfigYAML
import Foundation
import HAProxyConfig
import RuntimePlan
import RuntimePlanner
import WeirTestSupport
import XCTest

/// Runs every rule's examples through the whole linter (a site YAML
/// through the YAML reader): a triggering example must be reported by its
/// rule exactly where its `↓` markers are; a non-triggering one must not be
/// reported by it at all. The examples of file errors (`.io`) describe a
/// situation outside any configuration and are not run.
final class RuleExampleTests: XCTestCase {
    static var runnable: [RuleDescription] { RuleCatalog.all.filter { $0.domain != .io } }

    func testTriggeringExamplesReportAtTheirMarkers() throws {
        for rule in Self.runnable {
            for (index, example) in rule.triggering.enumerated() {
                let run = try ExampleRun(example, planning: rule.domain == .plan)
                let found = run.diagnostics.filter { $0.rule == rule.id }
                let label = "\(rule.id) triggering example \(index + 1)"
                XCTAssertFalse(found.isEmpty, "\(label) is not reported; got \(run.summary)")
                guard !run.markers.isEmpty else { continue }
                let actual = Set(found.map { "\($0.range.file):\($0.range.start.offset)" })
                XCTAssertEqual(actual, run.markers, "\(label): findings are not where the markers are; got \(run.summary)")
            }
        }
    }

    func testNonTriggeringExamplesAreAccepted() throws {
        for rule in Self.runnable {
            for (index, example) in rule.nonTriggering.enumerated() {
                let run = try ExampleRun(example, planning: rule.domain == .plan)
                let found = run.diagnostics.filter { $0.rule == rule.id }
                XCTAssertEqual(found.map(\.message), [], "\(rule.id) non-triggering example \(index + 1) is reported")
            }
        }
    }
}

/// One example linted in memory (and, for the plan's rules, planned once it
/// lints without errors), with the markers taken out of its files.
struct ExampleRun {
    let diagnostics: [Diagnostic]
    /// `path:offset` of every marker.
    let markers: Set<String>
    /// The scratch directory the example's files were written to; it is
    /// removed when the run is made unless `keepingFiles` asks to keep it,
    /// and then the caller removes it.
    let directory: String

    init(_ example: RuleExample, planning: Bool = false, keepingFiles: Bool = false) throws {
        let directory = try ExampleRun.scratchDirectory()
        defer { if !keepingFiles { try? FileManager.default.removeItem(atPath: directory) } }
        var nodes: [String: LintNode] = [:]
        var markers = Set<String>()
        var yamlDiagnostics: [Diagnostic] = []
        for file in example.files {
            let marked = MarkedText(file.text)
            let path = directory + "/" + file.path
            let source = SourceFile(path: path, bytes: marked.bytes)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(marked.bytes).write(to: URL(fileURLWithPath: path))
            markers.formUnion(marked.markers.map { "\(path):\($0)" })
            if file.path.hasSuffix(".yaml") {
                yamlDiagnostics += HAProxyYAMLReader().read(source).diagnostics
                continue
            }
            let nodeName = file.path.contains("/") ? String(file.path.prefix { $0 != "/" }) : ""
            var node = nodes[nodeName] ?? LintNode(name: nodeName.isEmpty ? nil : nodeName)
            if file.path.hasSuffix(".cfg") { node.haproxy.append(source) } else { node.keepalived.append(source) }
            nodes[nodeName] = node
        }
        let linter = Linter(variables: VariableResolver(environment: [:], overrides: CertificateSet.shared.variables),
                            configID: "lb1", environment: CheckEnvironment(baseDirectory: directory))
        let result = linter.lint(nodes.keys.sorted().map { nodes[$0]! })
        diagnostics = yamlDiagnostics + (planning && !result.diagnostics.contains(atLeast: .error)
            ? result.haproxy.flatMap { Planner(fileOrder: []).plan($0.configuration).diagnostics }
            : result.diagnostics)
        self.markers = markers
        self.directory = directory
    }

    var summary: String {
        diagnostics.map { "\($0.rule)@\($0.range.start.line):\($0.range.start.column) \($0.message)" }.joined(separator: "; ")
    }

    static func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "weir-example-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
