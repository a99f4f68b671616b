import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WeirTestSupport
import XCTest

/// `haproxy -Ws` under a `Type=notify` unit: the master tells systemd
/// RELOADING each time haproxy's master re-executes itself (into its wait
/// mode at start, and twice for a reload), READY with its pid when it enters
/// its loop, and STOPPING on SIGTERM, each a datagram to `NOTIFY_SOCKET`. The
/// real haproxy 2.6 (built with USE_SYSTEMD) and weir's master send the same
/// messages in the same order.
final class SystemdNotifyTests: XCTestCase {
    /// A datagram socket standing in for systemd's notify socket.
    final class NotifySocket {
        let path: String
        private let descriptor: Int32

        init(path: String) throws {
            self.path = path
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard descriptor >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
        }

        /// The next message, or nil after `seconds`.
        func next(seconds: Int) -> String? {
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
        }

        deinit {
            close(descriptor)
            unlink(path)
        }
    }

    /// The messages a master sends from its start, through one reload, to SIGTERM, with its pid written `PID`.
    private func messages(_ program: String, _ arguments: [String], socketPath: String) throws -> [String] {
        let notify = try NotifySocket(path: socketPath)
        setenv("NOTIFY_SOCKET", socketPath, 1)
        let master = try BackgroundProcess(program, arguments)
        unsetenv("NOTIFY_SOCKET")
        defer { master.stop(signal: SIGKILL) }
        let pid = master.process.processIdentifier
        var seen: [String] = []
        func take(until expected: String) {
            while let message = notify.next(seconds: 10) {
                seen.append(message.replacingOccurrences(of: "MAINPID=\(pid)", with: "MAINPID=PID"))
                if message.hasPrefix(expected) { return }
            }
            seen.append("(nothing more within 10 s; output: \(master.output))")
        }
        // Each signal waits a second after READY: haproxy's master installs its handlers after saying it.
        take(until: "READY=1")
        sleep(1)
        kill(pid, SIGUSR2)
        take(until: "READY=1")
        sleep(1)
        kill(pid, SIGTERM)
        take(until: "STOPPING=1")
        master.process.waitUntilExit()
        return seen
    }

    func testTheMasterTellsSystemdWhatHAProxysMasterTells() throws {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy 2.6 is the reference (bash .ci/run installs it)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("proxy.cfg").path
        try """
            global
                nbthread 1
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:\(Loopback.freePort())
                http-request return status 200

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let expected = ["RELOADING=1", "READY=1\nMAINPID=PID", "RELOADING=1", "RELOADING=1", "READY=1\nMAINPID=PID", "STOPPING=1"]
        let reference = try messages(haproxy, ["-Ws", "-f", config], socketPath: directory.appendingPathComponent("h.sock").path)
        XCTAssertEqual(reference, expected, "haproxy")
        let weir = try messages(WeirProcess.binary.path, ["haproxy", "-Ws", "-f", config],
                                socketPath: directory.appendingPathComponent("w.sock").path)
        XCTAssertEqual(weir, reference, "weir")
    }
}
