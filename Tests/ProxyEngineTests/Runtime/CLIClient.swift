import Foundation
import WeirTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A runtime API client as `socat` is used with it: connects to a Unix
/// socket (or a TCP port), writes the bytes and reads until the server closes.
enum CLIClient {
    /// Sends `text` (a newline is added) and returns everything read until the close (at most `seconds`).
    static func send(path: String, _ text: String, seconds: Double = 5) -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return "" }
        return exchange(fd, text, seconds: seconds)
    }

    /// The same over TCP on 127.0.0.1.
    static func send(port: Int, _ text: String, seconds: Double = 5) -> String {
        guard let fd = Loopback.connect(port: port) else { return "" }
        defer { close(fd) }
        return exchange(fd, text, seconds: seconds)
    }

    private static func exchange(_ fd: Int32, _ text: String, seconds: Double) -> String {
        Loopback.send(fd, text + "\n")
        return Loopback.readAll(fd, seconds: seconds)
    }

    /// Waits until a Unix socket accepts connections (at most `seconds`).
    static func waitForSocket(_ path: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !send(path: path, "show backend", seconds: 1).isEmpty { return true }
            usleep(50_000)
        }
        return false
    }
}
