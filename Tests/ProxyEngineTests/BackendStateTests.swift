import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// The queue of `BackendState` on an embedded event loop.
final class BackendStateTests: XCTestCase {
    private func backend(maxconn: Int?, queueMs: Int) -> BackendState {
        let source = SourceRef(file: "unit.cfg", line: 1, column: 1)
        return BackendState(plan: BackendPlan(name: "pool", mode: .http,
                                              servers: [ServerPlan(name: "a", address: .inet(host: "127.0.0.1", port: 1), maxconn: maxconn,
                                                                   source: source)],
                                              timeoutsMs: ["queue": queueMs], source: source))
    }

    func testARequestWaitsForAFreePlace() throws {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: 1, queueMs: 1000)
        let first = state.acquire(for: RequestFacts(), excluding: [], on: loop)
        let second = state.acquire(for: RequestFacts(), excluding: [], on: loop)
        XCTAssertEqual(try first.wait(), 0)
        let secondDone = CompletionFlag()
        second.whenComplete { _ in secondDone.isSet = true }
        loop.run()
        XCTAssertFalse(secondDone.isSet)
        state.release(0)
        loop.run()
        XCTAssertEqual(try second.wait(), 0)
        XCTAssertEqual(state.active(0), 1)
    }

    func testTheQueueTimesOut() throws {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: 1, queueMs: 500)
        _ = state.acquire(for: RequestFacts(), excluding: [], on: loop)
        let waiting = state.acquire(for: RequestFacts(), excluding: [], on: loop)
        loop.advanceTime(by: .milliseconds(500))
        XCTAssertThrowsError(try waiting.wait()) { XCTAssertTrue($0 is ServerAcquisitionError) }
        state.release(0)
        XCTAssertEqual(state.active(0), 0, "a timed-out request does not take the freed place")
    }

    func testADownServerGivesNoServer() {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: nil, queueMs: 500)
        state.setUp(0, false)
        XCTAssertThrowsError(try state.acquire(for: RequestFacts(), excluding: [], on: loop).wait())
    }

    func testTryAcquireAnswersAtOnceOrSaysTheRequestMustWait() throws {
        let state = backend(maxconn: 1, queueMs: 500)
        XCTAssertEqual(try state.tryAcquire(for: RequestFacts(), excluding: [])?.get(), 0)
        XCTAssertNil(state.tryAcquire(for: RequestFacts(), excluding: []), "full: the request must queue")
        XCTAssertEqual(state.active(0), 1)
        state.release(0)
        state.setUp(0, false)
        guard case .failure(.noServer)? = state.tryAcquire(for: RequestFacts(), excluding: []) else {
            return XCTFail("a down server gives no server")
        }
    }
}

/// Whether a future completed; read and written on one EmbeddedEventLoop's thread only.
private final class CompletionFlag: @unchecked Sendable {
    var isSet = false
}
