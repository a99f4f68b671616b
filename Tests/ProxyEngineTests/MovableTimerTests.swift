import NIOCore
import NIOEmbedded
@testable import ProxyEngine
import XCTest

/// `MovableTimer` on an `EmbeddedEventLoop`, whose clock only moves when told.
final class MovableTimerTests: XCTestCase {
    private let loop = EmbeddedEventLoop()
    private var expiries = 0
    private lazy var timer = MovableTimer(on: loop) { [unowned self] in self.expiries += 1 }

    func testExpiresOnceAtTheLastDeadline() {
        timer.start(.seconds(1))
        loop.advanceTime(by: .milliseconds(600))
        timer.start(.seconds(1))
        loop.advanceTime(by: .milliseconds(600))
        XCTAssertEqual(expiries, 0, "the deadline moved to 1.6s")
        loop.advanceTime(by: .milliseconds(399))
        XCTAssertEqual(expiries, 0)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(expiries, 1)
        loop.advanceTime(by: .seconds(5))
        XCTAssertEqual(expiries, 1, "one expiry per deadline")
    }

    func testAShorterTimeoutAfterALongerOneIsNotHeldToIt() {
        timer.start(.seconds(10))
        timer.stop()
        timer.start(.milliseconds(200))
        loop.advanceTime(by: .milliseconds(200))
        XCTAssertEqual(expiries, 1)
    }

    func testStopAndCancelKeepItFromExpiring() {
        timer.start(.seconds(1))
        timer.stop()
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(expiries, 0)
        timer.start(.seconds(1))
        timer.cancel()
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(expiries, 0)
        timer.start(.seconds(1))
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(expiries, 1, "usable again after stop and cancel")
    }
}
