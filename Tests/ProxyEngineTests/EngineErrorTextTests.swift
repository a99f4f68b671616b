import Foundation
import NIOCore
@testable import ProxyEngine
import XCTest

/// SwiftNIO's errors in the words HAProxy uses, never a type name.
final class EngineErrorTextTests: XCTestCase {
    func testSocketErrorsReadAsTheCLibrarySaysThem() {
        XCTAssertEqual(EngineErrorText.reason(IOError(errnoCode: ECONNREFUSED, reason: "connect(descriptor:addr:size:)")),
                       "Connection refused")
        XCTAssertEqual(EngineErrorText.reason(IOError(errnoCode: EADDRINUSE, reason: "bind(descriptor:ptr:bytes:)")),
                       "Address already in use")
        XCTAssertEqual(EngineErrorText.reason(ChannelError.connectTimeout(.seconds(1))), "Connection timed out")
        XCTAssertThrowsError(try SocketAddress.makeAddressResolvingHost("nowhere.invalid", port: 80)) { error in
            XCTAssertEqual(EngineErrorText.reason(error), "cannot resolve 'nowhere.invalid'")
        }
    }

    func testCheckFailuresReadAsHAProxysReasons() {
        XCTAssertEqual(EngineErrorText.checkFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")),
                       "Layer4 connection problem, info: \"Connection refused\"")
        XCTAssertEqual(EngineErrorText.checkFailure(ChannelError.connectTimeout(.milliseconds(200))), "Layer4 timeout")
    }

    func testABindFailureNamesTheFrontendAndTheAddress() {
        XCTAssertEqual(EngineErrorText.bindFailure(frontend: "web", address: "127.0.0.1:80",
                                                   IOError(errnoCode: EACCES, reason: "bind(descriptor:ptr:bytes:)")),
                       "Starting frontend web: cannot bind socket (Permission denied) [127.0.0.1:80]")
    }
}
