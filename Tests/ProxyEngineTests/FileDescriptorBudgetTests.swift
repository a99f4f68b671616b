import ProxyEngine
import RuntimePlan
import XCTest

/// HAProxy 2.6's file-descriptor arithmetic. The figures are haproxy
/// 2.6.12's on this machine (2 threads, one listener, no check): with
/// `maxconn 50000` it asks for maxsock=100017; without maxconn under
/// `ulimit -n 1024` and with a stats socket (11 more descriptors) it picks
/// maxconn 498, so 503 without the socket.
final class FileDescriptorBudgetTests: XCTestCase {
    private func plan(maxconn: Int?, ulimitN: Int? = nil) -> RuntimePlan {
        var process = ProcessPlan()
        process.ulimitN = ulimitN
        let frontend = FrontendPlan(name: "f", mode: .http, binds: [ListenAddress(host: "127.0.0.1", port: 80)],
                                    source: SourceRef(file: "t.cfg", line: 1, column: 1))
        return RuntimePlan(global: GlobalPlan(maxconn: maxconn, nbthread: 2, process: ulimitN == nil ? nil : process),
                           frontends: [frontend])
    }

    func testAWrittenMaxconnNeedsTwoDescriptorsPerConnection() {
        let budget = FileDescriptorBudget.compute(for: plan(maxconn: 50_000), threads: 2, bootSoftLimit: 20_000, bootHardLimit: 20_000)
        XCTAssertEqual([budget.maxconn, budget.maxsock, budget.limit], [50_000, 100_017, 100_017])
    }

    func testWithoutMaxconnTheBootLimitDecides() {
        let budget = FileDescriptorBudget.compute(for: plan(maxconn: nil), threads: 2, bootSoftLimit: 1024, bootHardLimit: 1024)
        XCTAssertEqual(budget.maxconn, 503)
        XCTAssertEqual(budget.maxsock, 1023)
        // The larger of the soft and hard limits counts, as haproxy's rlim_fd_max_at_boot.
        XCTAssertEqual(FileDescriptorBudget.compute(for: plan(maxconn: nil), threads: 2, bootSoftLimit: 1024, bootHardLimit: 4096).maxconn, 2039)
    }

    func testATinyLimitStillGivesOneHundredAndUlimitNIsTheLimitSet() {
        let tiny = FileDescriptorBudget.compute(for: plan(maxconn: nil), threads: 2, bootSoftLimit: 64, bootHardLimit: 64)
        XCTAssertEqual(tiny.maxconn, 100)
        let set = FileDescriptorBudget.compute(for: plan(maxconn: 100, ulimitN: 1000), threads: 2, bootSoftLimit: 64, bootHardLimit: 64)
        XCTAssertEqual(set.limit, 1000)
        XCTAssertEqual(set.maxsock, 217)
    }
}
