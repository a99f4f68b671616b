import Foundation
import XCTest

/// Removes scratch files and directories that live for the whole test run
/// (certificates made once, a deployment tree) when the test bundle finishes,
/// so that a run leaves nothing in the temporary directory.
public enum ScratchCleanup {
    /// Removes `path` when the tests of this process have finished.
    public static func removeWhenTestsFinish(_ path: String) {
        XCTestObservationCenter.shared.addTestObserver(Remover(path: path))
    }

    private final class Remover: NSObject, XCTestObservation, @unchecked Sendable {
        let path: String

        init(path: String) { self.path = path }

        func testBundleDidFinish(_ testBundle: Bundle) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
