import Foundation
import NIOCore
import NIOPosix

/// The errors SwiftNIO reports, in the words HAProxy's messages use: the
/// reason ("Connection refused"), never a type name. Health-check failures
/// read like HAProxy's (`Layer4 connection problem, info: "Connection
/// refused"`), a listener that cannot open names its frontend and address.
enum EngineErrorText {
    /// The reason of a socket error in words: the C library's text for an
    /// errno, "Connection timed out" for a connect timeout.
    static func reason(_ error: Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve '\(error.host)'" }
            return "no address to connect to for '\(error.host)'"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case let error as ListenerSocket.OpenError:
            return error.systemError.map(reason) ?? error.reason
        case let error as ChannelError:
            return reason(error)
        case let error as SocketAddressError:
            return reason(error)
        case let error as SocketAddressError.UnknownHost:
            return "cannot resolve '\(error.host)'"
        default:
            return String(describing: error)
        }
    }

    private static func reason(_ error: ChannelError) -> String {
        switch error {
        case .connectTimeout: "Connection timed out"
        case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: "Connection closed"
        case .connectPending: "a connection is already pending"
        default: String(describing: error)
        }
    }

    private static func reason(_ error: SocketAddressError) -> String {
        switch error {
        case .unknown(let host, _): "cannot resolve '\(host)'"
        case .unsupported: "unsupported address family"
        case .unixDomainSocketPathTooLong: "unix socket path too long"
        case .failedToParseIPString(let text): "invalid address '\(text)'"
        }
    }

    /// Whether the error is a connect that did not finish in time.
    static func isTimeout(_ error: Error) -> Bool {
        if case ChannelError.connectTimeout = error { return true }
        if let error = error as? NIOConnectionError { return error.connectionErrors.contains { isTimeout($0.error) } }
        if let error = error as? IOError { return error.errnoCode == ETIMEDOUT }
        return false
    }

    /// HAProxy's reason for a failed check's connection: `Layer4 timeout`, or
    /// `Layer4 connection problem, info: "Connection refused"`.
    static func checkFailure(_ error: Error) -> String {
        isTimeout(error) ? "Layer4 timeout" : "Layer4 connection problem, info: \"\(reason(error))\""
    }

    /// Why a listener did not open, as HAProxy says it:
    /// `Starting frontend web: cannot bind socket (Address already in use) [127.0.0.1:80]`.
    static func bindFailure(frontend: String, address: String, _ error: Error) -> String {
        "Starting frontend \(frontend): cannot bind socket (\(reason(error))) [\(address)]"
    }
}
