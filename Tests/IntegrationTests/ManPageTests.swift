import Foundation
import XCTest

/// The man pages render with `man -l` without warnings, list every option
/// of every subcommand, and are what `weir generate-manual` makes of the
/// command tree now.
final class ManPageTests: XCTestCase {
    func testEveryPageRenders() throws {
        guard let man = WeirProcess.which("man") else {
            XCTFail("man is not installed (bash .ci/run installs man-db)")
            return
        }
        let directory = WeirProcess.packageRoot.appendingPathComponent("Man")
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.first != "." }.sorted()
        XCTAssertTrue(Set(pages).isSuperset(of: ["weir.1", "weir-lint.1", "weir-compile.1", "weir-route.1", "weir-run.1", "weir-plan.5"]), "\(pages)")
        for page in pages {
            let result = try WeirProcess.run(man, ["--warnings", "-l", directory.appendingPathComponent(page).path],
                                             environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"])
            XCTAssertEqual(result.status, 0, page)
            XCTAssertEqual(result.stderr, "", page)
            XCTAssertTrue(result.stdout.contains("NAME"), page)
        }
    }

    /// Every option, flag and argument of every subcommand (as ArgumentParser
    /// describes the command tree) appears in the subcommand's page.
    func testEveryOptionOfEverySubcommandIsInItsPage() throws {
        let dump = try WeirProcess.weir(["--experimental-dump-help"])
        let tree = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let root = try XCTUnwrap(tree?["command"] as? [String: Any])
        let subcommands = (root["subcommands"] as? [[String: Any]] ?? []).filter {
            $0["shouldDisplay"] as? Bool != false && $0["commandName"] as? String != "help"
        }
        XCTAssertGreaterThanOrEqual(subcommands.count, 7)
        var checked = 0
        for command in subcommands {
            let name = try XCTUnwrap(command["commandName"] as? String)
            let page = try String(contentsOf: WeirProcess.packageRoot.appendingPathComponent("Man/weir-\(name).1"), encoding: .utf8)
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let entries = argument["names"] as? [[String: String]] ?? []
                // --help and --version belong to every command: weir(1) describes them.
                if entries.contains(where: { ["help", "version"].contains($0["name"] ?? "") }) { continue }
                let names = entries.compactMap { entry -> String? in
                    entry["name"].map { entry["kind"] == "short" ? "Fl \($0)" : "Fl -\($0)" }
                }
                for spelled in names {
                    XCTAssertTrue(page.contains(".It " + spelled) || page.contains(", " + spelled), "weir-\(name).1 lacks \(spelled)")
                    checked += 1
                }
                if argument["kind"] as? String == "positional", let value = argument["valueName"] as? String {
                    XCTAssertTrue(page.contains(".It Ar \(value)"), "weir-\(name).1 lacks the argument \(value)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 60)
    }

    /// The committed pages are what the generator makes of the command tree now.
    func testThePagesAreUpToDateWithTheCommandTree() throws {
        let result = try WeirProcess.weir(["generate-manual", "--check", WeirProcess.packageRoot.appendingPathComponent("Man").path])
        XCTAssertEqual(result.status, 0, "run 'swift run weir generate-manual' and commit Man/: \(result.stderr)")
    }

    /// What a page shows is what it means: quotes and a shell line continuation survive rendering.
    func testQuotesAndBackslashesRender() throws {
        guard let man = WeirProcess.which("man") else {
            XCTFail("man is not installed (bash .ci/run installs man-db)")
            return
        }
        let page = WeirProcess.packageRoot.appendingPathComponent("Man/weir-lint.1")
        let result = try WeirProcess.run(man, ["-l", page.path], environment: ["MANWIDTH": "200", "MANPAGER": "cat", "PAGER": "cat"])
        XCTAssertTrue(result.stdout.contains("\"$NAME\" expansion"), result.stdout)
        XCTAssertTrue(result.stdout.contains("lb1/keepalived.conf \\\n"), result.stdout)
    }
}
