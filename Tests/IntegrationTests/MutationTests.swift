import Foundation
import XCTest

/// Bad input never crashes: every article fixture, mutated at random
/// (deterministically) in many ways, still ends in diagnostics and an exit
/// status of 0 or 1 from `weir lint`, and `weir fmt` formats them
/// idempotently or refuses them (status 1) and passes them through.
final class MutationTests: XCTestCase {
    /// A small deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    static let interesting: [UInt8] = Array("{}\"'\\#!$@.\n\r\t :;,()[]-\u{0}".utf8)

    func mutate(_ bytes: [UInt8], _ generator: inout Generator) -> [UInt8] {
        var result = bytes
        for _ in 0..<(1 + generator.below(8)) {
            let position = generator.below(result.count + 1)
            switch generator.below(4) {
            case 0: result.insert(Self.interesting[generator.below(Self.interesting.count)], at: position)
            case 1 where position < result.count: result.remove(at: position)
            case 2 where position < result.count: result[position] = UInt8(truncatingIfNeeded: generator.next())
            default:
                let length = generator.below(40)
                let start = generator.below(max(result.count - length, 1))
                result.insert(contentsOf: result[start..<min(start + length, result.count)], at: min(position, result.count))
            }
        }
        return result
    }

    func testMutatedFixturesNeverCrash() throws {
        let directory = WeirProcess.packageRoot.appendingPathComponent("Fixtures/article")
        let fixtures = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "cfg" || $0.pathExtension == "conf" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("weir-mutations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var generator = Generator(state: 2026)
        for fixture in fixtures {
            let original = Array(try Data(contentsOf: fixture))
            for round in 0..<6 {
                let file = work.appendingPathComponent("m\(round)-" + fixture.lastPathComponent)
                try Data(mutate(original, &generator)).write(to: file)
                let lint = try WeirProcess.weir(["lint", "--format", "json", file.path])
                XCTAssertTrue(lint.status == 0 || lint.status == 1, "\(file.lastPathComponent): status \(lint.status) \(lint.stderr)")
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)))
                let flag = fixture.pathExtension == "cfg" ? "--haproxy" : "--keepalived"
                let once = try WeirProcess.weir(["fmt", flag, "-"], stdin: try Data(contentsOf: file))
                // 1: a file fmt refuses to format (a NUL, no final newline), passed through unchanged.
                XCTAssertTrue(once.status == 0 || once.status == 1, "\(file.lastPathComponent): fmt status \(once.status) \(once.stderr)")
                if once.status == 1 {
                    XCTAssertTrue(once.stderr.contains("not formatted: -"), "\(file.lastPathComponent): \(once.stderr)")
                    XCTAssertEqual(Data(once.stdout.utf8), Data(String(decoding: try Data(contentsOf: file), as: UTF8.self).utf8),
                                   "\(file.lastPathComponent): a refused input passes through")
                }
                let twice = try WeirProcess.weir(["fmt", flag, "-"], stdin: Data(once.stdout.utf8))
                XCTAssertEqual(twice.stdout, once.stdout, "\(file.lastPathComponent): formatting is not idempotent")
            }
        }
    }
}
