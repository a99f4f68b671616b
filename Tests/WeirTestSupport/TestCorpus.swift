import Foundation
import XCTest

/// The corpus of real configurations with the verdicts of haproxy 2.6 and
/// keepalived 2.2 (../shared/corpus beside the checkout, or `WEIR_CORPUS`).
/// A clone from a repository host does not have it: the tests that read it
/// are skipped with a line saying where to put it, unless
/// `WEIR_REQUIRE_CORPUS=1` (set by `.ci/run` when the corpus is there) makes
/// its absence a failure.
public enum TestCorpus {
    /// The environment variable naming the corpus directory.
    public static let variable = "WEIR_CORPUS"
    /// The environment variable that turns a missing corpus into a failure.
    public static let requiredVariable = "WEIR_REQUIRE_CORPUS"

    /// Where the corpus is looked for: `WEIR_CORPUS`, else ../shared/corpus beside the package.
    public static var location: URL {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    /// The package root, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Whether the corpus is there (its manifest is readable).
    public static var isPresent: Bool {
        FileManager.default.isReadableFile(atPath: location.appendingPathComponent("manifest.tsv").path)
    }

    /// Whether `WEIR_REQUIRE_CORPUS=1` makes a missing corpus a failure.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment[requiredVariable] == "1" }

    /// The corpus directory; throws `XCTSkip` when it is missing, or a
    /// failure when `WEIR_REQUIRE_CORPUS=1`.
    public static func directory() throws -> URL {
        if isPresent { return location }
        let reason = "needs the corpus: no manifest.tsv in \(location.path); "
            + "set \(variable)=DIR or put the corpus at \(location.path)"
        if isRequired { throw MissingCorpus(description: "\(requiredVariable)=1 but the test " + reason) }
        throw XCTSkip(reason)
    }

    /// A corpus required by `WEIR_REQUIRE_CORPUS=1` is missing.
    public struct MissingCorpus: Error, CustomStringConvertible {
        public let description: String
    }
}
