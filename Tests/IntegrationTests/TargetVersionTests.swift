import Foundation
import XCTest

/// `weir lint --target-version`: one configuration line per case, linted for
/// every target version, with the rules about names and versions that must
/// report it; for HAProxy 2.6 the real `haproxy -c` must agree on refusing.
final class TargetVersionTests: XCTestCase {
    struct Case {
        var global = ""
        var listen = ""
        /// Per target version, the findings of the version rules ("rule severity"), sorted; absent means none.
        var expected: [String: [String]]
        /// Whether the real haproxy 2.6 can judge the line (no files it would look for).
        var oracle = true
    }

    static let versionRules: Set<String> = [
        "unknown-keyword", "unknown-bind-option", "unknown-server-option", "fetch-unknown", "converter-unknown",
        "keyword-version", "version-default-changed",
    ]
    static let targets = ["2.4", "2.6", "2.8", "3.0", "3.2"]

    static let cases: [Case] = [
        // A global keyword of 2.8.
        Case(global: "prealloc-fd", expected: ["2.4": ["unknown-keyword error"], "2.6": ["unknown-keyword error"]]),
        // A global keyword of 2.6 that 2.4 lacks.
        Case(global: "close-spread-time 1s", expected: ["2.4": ["keyword-version error"]]),
        // Deprecated in 2.5, gone in 2.7.
        Case(listen: "bind 127.0.0.1:18081 process 1", expected: [
            "2.6": ["keyword-version warning"], "2.8": ["keyword-version error"], "3.0": ["keyword-version error"],
            "3.2": ["keyword-version error"],
        ]),
        // Deprecated and ignored in 2.4, refused from 2.5.
        Case(listen: "option http-use-htx", expected: [
            "2.4": ["keyword-version warning"], "2.6": ["unknown-keyword error"], "2.8": ["unknown-keyword error"],
            "3.0": ["unknown-keyword error"], "3.2": ["unknown-keyword error"],
        ]),
        // An option, a converter and a server option of newer versions.
        Case(listen: "option forwarded", expected: ["2.4": ["unknown-keyword error"], "2.6": ["unknown-keyword error"]]),
        Case(listen: "http-request set-var(txn.q) query,param(id)",
             expected: ["2.4": ["converter-unknown error"], "2.6": ["converter-unknown error"]]),
        Case(listen: "server t 127.0.0.1:8081 guid app-t", expected: [
            "2.4": ["unknown-server-option error"], "2.6": ["unknown-server-option error"],
            "2.8": ["unknown-server-option error"],
        ]),
        Case(listen: "http-request set-header X-DN %[ssl_c_r_dn]",
             expected: ["2.4": ["fetch-unknown error"], "2.6": ["fetch-unknown error"]]),
        Case(listen: "bind 127.0.0.1:18082 guid-prefix edge", expected: [
            "2.4": ["unknown-bind-option error"], "2.6": ["unknown-bind-option error"],
            "2.8": ["unknown-bind-option error"],
        ]),
        // HTTP rule actions: the grammar takes any action word, HAProxy refuses one it does not know.
        Case(listen: "http-request pause 1s", expected: [
            "2.4": ["keyword-version error"], "2.6": ["keyword-version error"], "2.8": ["keyword-version error"],
            "3.0": ["keyword-version error"],
        ]),
        Case(listen: "http-request set-bandwidth-limit limit", expected: [
            "2.4": ["keyword-version error"], "2.6": ["keyword-version error"],
        ]),
        Case(listen: "http-request set-var(txn.x) str(a)", expected: [:]),
        // TCP rule actions and check steps, likewise.
        Case(listen: "tcp-request content set-bandwidth-limit limit", expected: [
            "2.4": ["keyword-version error"], "2.6": ["keyword-version error"],
        ]),
        Case(listen: "tcp-request content set-log-level silent", expected: ["2.4": ["keyword-version error"]]),
        Case(listen: "tcp-request connection track-sc1 src", expected: [:]),
        Case(listen: "tcp-response content close", expected: [:]),
        Case(listen: "http-check set-var-fmt(check.x) %[str(a)]", expected: ["2.4": ["keyword-version error"]]),
        // DHE needs DH parameters from 2.6 on.
        Case(global: "ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256", expected: [
            "2.6": ["version-default-changed note"], "2.8": ["version-default-changed note"],
            "3.0": ["version-default-changed note"], "3.2": ["version-default-changed note"],
        ]),
        // h2 offered by default on TLS listeners of HTTP proxies from 2.8 on.
        Case(listen: "bind 127.0.0.1:18443 ssl crt /etc/haproxy/site.pem", expected: [
            "2.8": ["version-default-changed note"], "3.0": ["version-default-changed note"],
            "3.2": ["version-default-changed note"],
        ], oracle: false),
        Case(listen: "bind 127.0.0.1:18443 ssl crt /etc/haproxy/site.pem alpn http/1.1", expected: [:], oracle: false),
    ]

    static func config(_ item: Case) -> String {
        """
        global
            \(item.global)
        defaults
            mode http
            timeout connect 5s
            timeout client 30s
            timeout server 30s
        listen l
            bind 127.0.0.1:18080
            server s 127.0.0.1:8080
            \(item.listen)

        """
    }

    func testEachTargetVersionReportsWhatItLacksDeprecatesOrChanged() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var mismatches: [String] = []
        for item in Self.cases {
            let file = directory.appendingPathComponent("case.cfg")
            try Self.config(item).write(to: file, atomically: true, encoding: .utf8)
            for target in Self.targets {
                let lint = try WeirProcess.weir(["lint", "--no-project-file", "--format", "json", "--target-version", target,
                                                 file.path])
                let found = try ReportedDiagnostic.parse(lint.stdout).filter { Self.versionRules.contains($0.rule) }
                    .map { "\($0.rule) \($0.severity)" }.sorted()
                if found != item.expected[target, default: []] {
                    mismatches.append("\(item.global)\(item.listen) @\(target): \(found)")
                }
            }
        }
        XCTAssertEqual(mismatches, [])
    }

    func testTarget26AgreesWithTheRealHAProxy26() throws {
        let haproxy = try XCTUnwrap(WeirProcess.which("haproxy"), "haproxy must be installed (bash .ci/run installs it)")
        let version = try WeirProcess.run(haproxy, ["-v"]).stdout
        XCTAssertTrue(version.contains("version 2.6."), "these cases are judged by haproxy 2.6; found: \(version)")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var disagreements: [String] = []
        for item in Self.cases where item.oracle {
            let file = directory.appendingPathComponent("case.cfg")
            try Self.config(item).write(to: file, atomically: true, encoding: .utf8)
            let real = try WeirProcess.run(haproxy, ["-c", "-f", file.path])
            let lint = try WeirProcess.weir(["lint", "--no-project-file", "--format", "json", "--target-version", "2.6", file.path])
            let reported = try ReportedDiagnostic.parse(lint.stdout)
            let weirRefuses = reported.contains { $0.severity == "error" }
            let weirWarns = reported.contains { $0.severity == "warning" && Self.versionRules.contains($0.rule) }
            let realWarns = real.stderr.contains("[WARNING]")
            if (real.status == 1) != weirRefuses || (real.status != 1 && weirWarns && !realWarns) {
                disagreements.append("\(item.global)\(item.listen): haproxy \(real.status) \(real.stderr), weir \(reported)")
            }
        }
        XCTAssertEqual(disagreements, [])
    }

    func testProjectFileSetsTheTargetAndTheCommandLineWins() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Self.config(Case(global: "prealloc-fd", expected: [:])).write(to: file, atomically: true, encoding: .utf8)
        try "target-version: \"2.8\"\n".write(to: directory.appendingPathComponent(".weir.yaml"), atomically: true, encoding: .utf8)
        let fromProject = try WeirProcess.weir(["lint", "--format", "json", file.path], directory: directory)
        XCTAssertFalse(try ReportedDiagnostic.parse(fromProject.stdout).contains { $0.rule == "unknown-keyword" },
                       fromProject.stdout)
        let overridden = try WeirProcess.weir(["lint", "--format", "json", "--target-version", "2.6", file.path],
                                              directory: directory)
        XCTAssertTrue(try ReportedDiagnostic.parse(overridden.stdout).contains { $0.rule == "unknown-keyword" },
                      overridden.stdout)

        try "target-version: \"2.7\"\n".write(to: directory.appendingPathComponent(".weir.yaml"), atomically: true, encoding: .utf8)
        let badProject = try WeirProcess.weir(["lint", file.path], directory: directory)
        XCTAssertEqual(badProject.status, 2)
        XCTAssertTrue(badProject.stderr.contains("target version '2.7' is not one of 2.4, 2.6, 2.8, 3.0, 3.2"), badProject.stderr)
        let badOption = try WeirProcess.weir(["lint", "--no-project-file", "--target-version", "9.9", file.path])
        XCTAssertNotEqual(badOption.status, 0)
        XCTAssertTrue(badOption.stderr.contains("target version '9.9' is not one of"), badOption.stderr)
    }

    func testAMissingNameSaysWhichVersionsHaveIt() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("haproxy.cfg")
        try Self.config(Case(listen: "bind 127.0.0.1:18081 process 1", expected: [:])).write(to: file, atomically: true, encoding: .utf8)
        let lint = try WeirProcess.weir(["lint", "--no-project-file", "--target-version", "3.0", file.path])
        XCTAssertTrue(lint.stdout.contains("bind option 'process' is not in HAProxy 3.0: HAProxy 2.4 to 2.6 has it"), lint.stdout)
        try Self.config(Case(global: "prealloc-fd", expected: [:])).write(to: file, atomically: true, encoding: .utf8)
        let older = try WeirProcess.weir(["lint", "--no-project-file", "--target-version", "2.4", file.path])
        XCTAssertTrue(older.stdout.contains("HAProxy 2.8 and later has it"), older.stdout)
    }

    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
