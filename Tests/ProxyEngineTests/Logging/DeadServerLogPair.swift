import Foundation
import WeirTestSupport

/// haproxy and the engine side by side, each logging to its own syslog
/// receiver, with a backend `dead` whose one server `gone` checks a port
/// where nothing listens yet (`deadPort`; `ServerStateLogDifferentialTests.listen`
/// brings it up). The tests of server state and health-check messages share it.
struct DeadServerLogPair {
    let pair: ProxyPair
    /// haproxy's receiver first, the engine's second.
    let receivers: [SyslogReceiver]
    let deadPort: Int

    /// `backendLines` are the `dead` backend's lines after its `log` line:
    /// the `server gone 127.0.0.1:PORT …` line itself, with `PORT` replaced.
    static func start(backendLines: String) async throws -> DeadServerLogPair {
        let receivers = [try SyslogReceiver(), try SyslogReceiver()]
        let calls = NSLockedBox(0)
        let deadPort = Loopback.freePort()
        let lines = backendLines.replacingOccurrences(of: "PORT", with: String(deadPort))
        let pair = try await ProxyPair({ port, server in
            var logPort = 0
            calls.mutate { count in
                logPort = receivers[min(count, 1)].port
                count += 1
            }
            return """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:\(port)
                    default_backend dead
                backend dead
                    log 127.0.0.1:\(logPort) local0
                \(lines)
                backend unused
                    server app01 \(server)

                """
        }, script: { _ in .ok })
        return DeadServerLogPair(pair: pair, receivers: receivers, deadPort: deadPort)
    }
}
