import Foundation
import XCTest

/// `.ci/install` puts the binary, the man pages and the shell completions
/// under PREFIX (staged in DESTDIR), and `.ci/uninstall` removes exactly
/// those and the directories the install created.
final class InstallTests: XCTestCase {
    func testInstallIntoADestdirAndUninstallLeavesOnlyWhatWasThere() throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("weir-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destdir) }
        let prefix = destdir.appendingPathComponent("opt/weir")
        // Something that was there before must stay.
        let ownBin = prefix.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: ownBin, withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(to: ownBin.appendingPathComponent("other"), atomically: true, encoding: .utf8)
        let environment = ["DESTDIR": destdir.path, "PREFIX": "/opt/weir", "WEIR_BINARY": try WeirProcess.binary.path]
        let bash = URL(fileURLWithPath: "/bin/bash")
        let root = WeirProcess.packageRoot

        let install = try WeirProcess.run(bash, [root.appendingPathComponent(".ci/install").path], environment: environment)
        XCTAssertEqual(install.status, 0, install.stderr)
        let manPages = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Man").path)
            .filter { $0.range(of: #"\.[1-9]$"#, options: .regularExpression) != nil }
        XCTAssertGreaterThan(manPages.count, 8)
        var expected = ["bin/weir", "share/bash-completion/completions/weir", "share/zsh/site-functions/_weir",
                        "share/fish/vendor_completions.d/weir.fish", "share/weir/installed-files"]
        expected += manPages.map { "share/man/man\($0.last!)/\($0)" }
        for path in expected {
            let file = prefix.appendingPathComponent(path).path
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), path)
        }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: prefix.appendingPathComponent("bin/weir").path))
        let version = try WeirProcess.run(prefix.appendingPathComponent("bin/weir"), ["--version"])
        XCTAssertEqual(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines), try WeirProcess.weir(["--version"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines))
        for completion in ["share/bash-completion/completions/weir", "share/zsh/site-functions/_weir", "share/fish/vendor_completions.d/weir.fish"] {
            let text = try String(contentsOf: prefix.appendingPathComponent(completion), encoding: .utf8)
            XCTAssertTrue(text.contains("convert") && text.contains("output-directory"), completion)
        }
        if let man = WeirProcess.which("man") {
            let page = try WeirProcess.run(man, ["-M", prefix.appendingPathComponent("share/man").path, "weir-lint"],
                                           environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
            XCTAssertTrue(page.stdout.contains("weir lint"), page.stderr)
        }
        let again = try WeirProcess.run(bash, [root.appendingPathComponent(".ci/install").path], environment: environment)
        XCTAssertEqual(again.status, 1, "a second install over the first is refused")

        let uninstall = try WeirProcess.run(bash, [root.appendingPathComponent(".ci/uninstall").path], environment: environment)
        XCTAssertEqual(uninstall.status, 0, uninstall.stderr)
        let left = FileManager.default.enumerator(atPath: destdir.path).map { $0.compactMap { $0 as? String } } ?? []
        XCTAssertEqual(left.sorted(), ["opt", "opt/weir", "opt/weir/bin", "opt/weir/bin/other"])
    }
}
