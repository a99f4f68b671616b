import ConfigCheck
import ConfigDiagnostics
import Foundation
import XCTest

/// A false error is the worst thing a linter can do. So every rule that can
/// report an error has configurations it must accept (its non-triggering
/// examples), and each of them is checked twice here: the real
/// `haproxy -c` or `keepalived -t` accepts it, and weir reports no error on
/// it at all, from any rule.
final class ErrorRuleOracleTests: XCTestCase {
    /// The domains whose examples are whole configurations one real tool reads.
    static let checked: Set<RuleDomain> = [.haproxy, .haproxySyntax, .keepalived, .keepalivedSyntax]

    func testEveryErrorRuleHasExamplesTheRealToolsAccept() throws {
        let haproxy = try XCTUnwrap(Self.which("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let keepalived = try XCTUnwrap(Self.which("keepalived"), "keepalived must be installed (bash .ci/run installs it)")
        var refused: [String] = [], weirErrors: [String] = []
        var checked = 0
        for rule in RuleCatalog.all where rule.severity == .error && Self.checked.contains(rule.domain) {
            for (index, example) in rule.nonTriggering.enumerated() {
                let label = "\(rule.id) non-triggering example \(index + 1)"
                let run = try ExampleRun(example, keepingFiles: true)
                defer { try? FileManager.default.removeItem(atPath: run.directory) }
                let errors = run.diagnostics.filter { $0.severity == .error }
                if !errors.isEmpty { weirErrors.append("\(label): \(errors.map(\.message))") }
                for file in example.files where file.path.hasSuffix(".cfg") || file.path.hasSuffix(".conf") {
                    let path = run.directory + "/" + file.path
                    let verdict = file.path.hasSuffix(".cfg")
                        ? try Self.run(haproxy, ["-c", "-f", path])
                        : try Self.keepalived(keepalived, path)
                    checked += 1
                    // haproxy exits 2 for "valid, but no listener"; keepalived's exit 5 lists what it only ignores.
                    if !(verdict.status == 0 || (file.path.hasSuffix(".cfg") && verdict.status == 2)) {
                        refused.append("\(label): \(verdict.output.split(separator: "\n").filter { $0.contains("ALERT") || !$0.contains("[") }.prefix(3))")
                    }
                }
            }
        }
        print("error rules: \(checked) accepting examples checked against the real tools")
        XCTAssertGreaterThan(checked, 50)
        XCTAssertEqual(weirErrors, [], "weir reports errors on examples that must pass")
        XCTAssertEqual(refused, [], "the real tools refuse examples that must pass")
    }

    static func which(_ name: String) -> URL? {
        for directory in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// `keepalived -t`; as root, in a private network namespace holding the interfaces the examples name
    /// (eth0, eth1), so the verdict does not depend on this host's interfaces.
    static func keepalived(_ tool: URL, _ path: String) throws -> (status: Int32, output: String) {
        guard getuid() == 0, let unshare = which("unshare") else { return try run(tool, ["-t", "-f", path]) }
        let links = ["eth0", "eth1"].map {
            "(ip link add \($0) type dummy 2>/dev/null || ip link add \($0) type bridge); ip link set \($0) up; "
        }.joined()
        return try run(unshare, ["-n", "sh", "-c", links + "exec '\(tool.path)' -t -f '\(path)'"])
    }

    static func run(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.merge(CertificateSet.shared.variables) { $1 }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
