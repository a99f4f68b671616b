import NIOCore
import NIOEmbedded
import NIOPosix
@testable import ProxyEngine
import RuntimePlan
import XCTest

/// The queue of `BackendState` on an embedded event loop, and its lock-free
/// places and per-loop balancers under two real threads.
final class BackendStateTests: XCTestCase {
    private func backend(maxconn: Int?, queueMs: Int, servers: Int = 1, weights: [Int]? = nil) -> BackendState {
        let source = SourceRef(file: "unit.cfg", line: 1, column: 1)
        let plans = (0..<servers).map { index in
            ServerPlan(name: "s\(index)", address: .inet(host: "127.0.0.1", port: 1 + index), weight: weights?[index] ?? 1,
                       maxconn: maxconn, source: source)
        }
        return BackendState(plan: BackendPlan(name: "pool", mode: .http, servers: plans, timeouts: BackendTimeoutPlan(queueMs: queueMs), source: source))
    }

    private func acquire(_ state: BackendState, _ balancer: LoopBalancer? = nil, on loop: EventLoop) -> EventLoopFuture<Int> {
        state.acquire(for: RequestFacts(), excluding: [], balancer: balancer ?? LoopBalancer(state), on: loop)
    }

    func testARequestWaitsForAFreePlace() throws {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: 1, queueMs: 1000)
        let first = acquire(state, on: loop)
        let second = acquire(state, on: loop)
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
        _ = acquire(state, on: loop)
        let waiting = acquire(state, on: loop)
        loop.advanceTime(by: .milliseconds(500))
        XCTAssertThrowsError(try waiting.wait()) { XCTAssertTrue($0 is ServerAcquisitionError) }
        state.release(0)
        XCTAssertEqual(state.active(0), 0, "a timed-out request does not take the freed place")
    }

    func testADownServerGivesNoServer() {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: nil, queueMs: 500)
        state.setUp(0, false)
        XCTAssertThrowsError(try acquire(state, on: loop).wait())
    }

    func testTryAcquireAnswersAtOnceOrSaysTheRequestMustWait() throws {
        let state = backend(maxconn: 1, queueMs: 500)
        let balancer = LoopBalancer(state)
        guard case .server(0) = state.tryAcquire(for: RequestFacts(), excluding: [], balancer: balancer) else {
            return XCTFail("a free server is taken at once")
        }
        guard case .full(chosen: 0) = state.tryAcquire(for: RequestFacts(), excluding: [], balancer: balancer) else {
            return XCTFail("full: the request must queue")
        }
        XCTAssertEqual(state.active(0), 1)
        state.release(0)
        state.setUp(0, false)
        guard case .noServer = state.tryAcquire(for: RequestFacts(), excluding: [], balancer: balancer) else {
            return XCTFail("a down server gives no server")
        }
    }

    func testAQueuedRequestKeepsItsTurnOverANewOne() throws {
        let loop = EmbeddedEventLoop()
        let state = backend(maxconn: 1, queueMs: 1000)
        XCTAssertEqual(try acquire(state, on: loop).wait(), 0)
        let queued = acquire(state, on: loop)
        state.release(0)
        loop.run()
        XCTAssertEqual(try queued.wait(), 0, "the freed place went to the request that waited")
        guard case .full = state.tryAcquire(for: RequestFacts(), excluding: [], balancer: LoopBalancer(state)) else {
            return XCTFail("a new request does not take a place a queued one holds")
        }
    }

    func testLoopsShareOneRotation() throws {
        let state = backend(maxconn: nil, queueMs: 500, servers: 2, weights: [3, 1])
        let loops = [LoopBalancer(state), LoopBalancer(state)]
        let picks = (0..<8).map { loops[$0 % 2].choose(for: RequestFacts(), excluding: []) }
        var reference = ServerSelector(backend: state.plan)
        let expected = (0..<8).map { _ in reference.choose([ServerStatus(), ServerStatus()], for: RequestFacts()) }
        XCTAssertEqual(picks, expected, "the order `weir route` gives, whichever loop asks")
        XCTAssertEqual(picks.filter { $0 == 1 }.count, 2)
    }

    func testBalancersSeeDrainAndWeightChanges() throws {
        let state = backend(maxconn: nil, queueMs: 500, servers: 2)
        let balancer = LoopBalancer(state)
        XCTAssertEqual(Set((0..<2).compactMap { _ in balancer.choose(for: RequestFacts(), excluding: []) }), [0, 1])
        state.apply(.drain, to: 0)
        XCTAssertEqual((0..<4).compactMap { _ in balancer.choose(for: RequestFacts(), excluding: []) }, [1, 1, 1, 1])
        state.apply(.ready, to: 0)
        state.apply(.weight(0), to: 1)
        XCTAssertEqual((0..<4).compactMap { _ in balancer.choose(for: RequestFacts(), excluding: []) }, [0, 0, 0, 0])
    }

    /// Two threads, eight requests in flight on each, take and give back places as fast as they can
    /// (six places, so requests queue): `maxconn` is never exceeded and no place or waiter is lost.
    func testTwoThreadsNeverExceedMaxconn() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        let state = backend(maxconn: 3, queueMs: 10_000, servers: 2)
        let churners = group.makeIterator().flatMap { loop in
            (0..<8).map { _ in PlaceChurner(state: state, loop: loop, rounds: 500) }
        }
        for churner in churners { churner.loop.execute { churner.step() } }
        try EventLoopFuture.andAllSucceed(churners.map(\.done.futureResult), on: group.any()).wait()
        XCTAssertEqual(churners.map(\.overLimit).reduce(0, +), 0)
        XCTAssertEqual(state.active(0) + state.active(1), 0)
        XCTAssertEqual(state.servers[0].peakActive.load(ordering: .relaxed), 3, "requests queued for the places")
        XCTAssertEqual(state.backendQueueLength, 0)
    }
}

/// Takes a place, gives it back, again, `rounds` times; used on its event loop only.
private final class PlaceChurner: @unchecked Sendable {
    let state: BackendState
    let loop: EventLoop
    let done: EventLoopPromise<Void>
    private let balancer: LoopBalancer
    private var left: Int
    /// Places seen above `maxconn` right after taking one.
    var overLimit = 0

    init(state: BackendState, loop: EventLoop, rounds: Int) {
        self.state = state
        self.loop = loop
        self.left = rounds
        self.done = loop.makePromise()
        self.balancer = LoopBalancer(state)
    }

    func step() {
        guard left > 0 else { return done.succeed() }
        left -= 1
        state.acquire(for: RequestFacts(), excluding: [], balancer: balancer, on: loop).whenComplete { result in
            switch result {
            case .success(let server):
                if self.state.active(server) > 3 { self.overLimit += 1 }
                // The place is held until the loop's next turn, so the other requests on this loop queue meanwhile.
                self.loop.execute {
                    self.state.release(server)
                    self.step()
                }
            case .failure(let error):
                self.done.fail(error)
            }
        }
    }
}

/// Whether a future completed; read and written on one EmbeddedEventLoop's thread only.
private final class CompletionFlag: @unchecked Sendable {
    var isSet = false
}
