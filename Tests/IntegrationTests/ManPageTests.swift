import Foundation
import XCTest

/// The man pages render with `man -l` without warnings.
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
}
