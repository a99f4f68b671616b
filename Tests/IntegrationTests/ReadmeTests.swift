import Foundation
import XCTest

/// The README's sample output is what weir prints today.
final class ReadmeTests: XCTestCase {
    func testTheLintSampleIsCurrent() throws {
        let readme = try String(contentsOf: WeirProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let prompt = "$ cd Fixtures/article && weir lint 07-tls-tuning.cfg\n"
        let start = try XCTUnwrap(readme.range(of: prompt), "the README shows weir lint on 07-tls-tuning.cfg")
        let end = try XCTUnwrap(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let result = try WeirProcess.weir(["lint", "07-tls-tuning.cfg"], environment: ["NO_COLOR": "1"],
                                          directory: WeirProcess.packageRoot.appendingPathComponent("Fixtures/article"))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(String(readme[start.upperBound..<end.lowerBound]), result.stdout)
    }
}
