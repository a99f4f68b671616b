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

    /// Applies an edit script to `a`.
    private func apply(_ script: [UnifiedDiff.Edit], to a: [Character], _ b: [Character]) -> [Character] {
        var result: [Character] = []
        var i = 0, j = 0
        for edit in script {
            switch edit {
            case .keep: result.append(a[i]); i += 1; j += 1
            case .delete: i += 1
            case .insert: result.append(b[j]); j += 1
            }
        }
        return result
    }

    /// The length of the longest common subsequence, by dynamic programming.
    private func commonLength(_ a: [Character], _ b: [Character]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0..<a.count {
            for j in 0..<b.count {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }

    func testEditScriptsAreShortestAndRebuildTheSecondText() throws {
        // A fixed-seed generator: the same 300 pairs of short texts on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let a = (0..<next(12)).map { _ in Character(UnicodeScalar(UInt8(97 + next(4)))) }
            let b = (0..<next(12)).map { _ in Character(UnicodeScalar(UInt8(97 + next(4)))) }
            let script = try XCTUnwrap(UnifiedDiff.editScript(a, b))
            XCTAssertEqual(apply(script, to: a, b), b, "\(a) -> \(b)")
            XCTAssertEqual(script.filter { $0 != .keep }.count, a.count + b.count - 2 * commonLength(a, b), "\(a) -> \(b)")
        }
    }

    func testEditScriptStopsBeyondItsLimit() {
        let a = Array("abcdef"), b = Array("uvwxyz")
        XCTAssertNil(UnifiedDiff.editScript(a, b, limit: 11))
        XCTAssertEqual(UnifiedDiff.editScript(a, b, limit: 12)?.count, 12)
    }
}
