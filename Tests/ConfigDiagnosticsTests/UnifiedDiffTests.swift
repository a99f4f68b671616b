@testable import ConfigDiagnostics
import XCTest

final class UnifiedDiffTests: XCTestCase {
    func testEqualTextsHaveNoDiff() {
        XCTAssertEqual(UnifiedDiff.render(old: "a\nb\n", new: "a\nb\n", oldName: "x", newName: "y"), "")
    }

    func testOneChangedLine() {
        let diff = UnifiedDiff.render(old: "a\nb\nc\n", new: "a\nB\nc\n", oldName: "x", newName: "y")
        XCTAssertEqual(diff, "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
    }

    func testDistantChangesMakeSeparateHunks() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n19\n", with: "\n")
        let diff = UnifiedDiff.render(old: old, new: new, oldName: "x", newName: "y")
        XCTAssertEqual(diff.components(separatedBy: "@@ -").count - 1, 2, diff)
        XCTAssertTrue(diff.contains("-2\n+two\n"))
        XCTAssertTrue(diff.contains("-19\n"))
    }

    func testInsertionsAndDeletionsAtTheEnds() {
        XCTAssertEqual(UnifiedDiff.render(old: "", new: "a\n", oldName: "x", newName: "y"), "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n")
        XCTAssertEqual(UnifiedDiff.render(old: "a\n", new: "", oldName: "x", newName: "y"), "--- x\n+++ y\n@@ -1,1 +0,0 @@\n-a\n")
    }
}
