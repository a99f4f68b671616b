import RuntimePlan
import XCTest

/// The balancing algorithms as pure values.
final class ServerSelectorTests: XCTestCase {
    private func backend(_ algorithm: BalancePlan.Algorithm, weights: [Int], backups: Set<Int> = [],
                         hashType: BalancePlan.HashType = .mapBased) -> BackendPlan {
        let source = SourceRef(file: "unit.cfg", line: 1, column: 1)
        let servers = weights.enumerated().map { index, weight in
            ServerPlan(name: "s\(index)", address: .inet(host: "127.0.0.1", port: 9000 + index), weight: weight, backup: backups.contains(index),
                       source: source)
        }
        return BackendPlan(name: "pool", mode: .http, balance: BalancePlan(algorithm: algorithm, hashType: hashType),
                           servers: servers, source: source)
    }

    func testSmoothRoundRobinInterleaves() {
        var selector = ServerSelector(backend: backend(.roundrobin, weights: [5, 1, 1]))
        let statuses = Array(repeating: ServerStatus(), count: 3)
        let picks = (0..<7).compactMap { _ in selector.choose(statuses, for: RequestFacts()) }
        XCTAssertEqual(picks, [0, 0, 1, 0, 2, 0, 0])
    }

    func testDownServersAreSkippedAndBackupsTakeOver() {
        var selector = ServerSelector(backend: backend(.roundrobin, weights: [1, 1, 1, 1], backups: [2, 3]))
        var statuses = Array(repeating: ServerStatus(), count: 4)
        statuses[0].up = false
        XCTAssertEqual(Set((0..<4).compactMap { _ in selector.choose(statuses, for: RequestFacts()) }), [1])
        statuses[1].up = false
        XCTAssertEqual(Set((0..<4).compactMap { _ in selector.choose(statuses, for: RequestFacts()) }), [2],
                       "only the first backup without option allbackups")
        statuses[2].up = false
        statuses[3].up = false
        XCTAssertNil(selector.choose(statuses, for: RequestFacts()))
    }

    func testLeastconnPrefersTheLeastLoadedPerWeight() {
        var selector = ServerSelector(backend: backend(.leastconn, weights: [1, 2]))
        let statuses = [ServerStatus(active: 2), ServerStatus(active: 3)]
        XCTAssertEqual(selector.choose(statuses, for: RequestFacts()), 1)
    }

    func testConsistentHashingMovesOnlyTheKeysOfALeavingServer() {
        var selector = ServerSelector(backend: backend(.source, weights: [1, 1, 1, 1], hashType: .consistent))
        let keys = (0..<200).map { "10.0.\($0 / 250).\($0 % 250)" }
        var statuses = Array(repeating: ServerStatus(), count: 4)
        let before = keys.map { selector.choose(statuses, for: RequestFacts(source: $0))! }
        statuses[3].up = false
        let after = keys.map { selector.choose(statuses, for: RequestFacts(source: $0))! }
        for (old, new) in zip(before, after) where old != 3 { XCTAssertEqual(old, new) }
        XCTAssertEqual(Set(before).count, 4)
    }
}
