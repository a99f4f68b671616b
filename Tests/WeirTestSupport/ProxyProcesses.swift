import Foundation

/// What the tests that run proxies as processes of their own (daemons,
/// `-sf` reloads, master-worker) share: the pid a pid file names, whether a
/// pid still runs, a daemon started without Foundation's Process, and a
/// runtime (stats) socket asked a command.
public enum ProxyProcesses {
    /// The pid written in a pid file, if the file holds one.
    public static func pid(in path: String) -> Int32? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Whether `pid` runs; a zombie counts as gone (a daemon's parent is not the test).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.contains("State:\tZ")
    }

    /// Waits until `pid` no longer runs (at most `seconds`); whether it ended.
    public static func waitUntilGone(_ pid: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            usleep(20_000)
        }
        return false
    }

    /// Runs a command that leaves a daemon behind (`haproxy -D`), with posix_spawn and waitpid:
    /// Foundation's Process would wait for a descriptor the daemon inherits. Standard output and
    /// error go to `log`; returns the command's status and what it printed.
    public static func startDaemon(_ executable: String, _ arguments: [String], log: String) -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let words = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { words.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, words, environ) == 0 else { return (-1, "cannot start \(executable)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xff, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// Sends `lines` to a Unix stream socket (a runtime or master CLI socket), closes the sending
    /// side and returns everything answered until the socket closes; "" when it cannot connect.
    public static func ask(socket path: String, _ lines: String, seconds: Double = 5) -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return "" }
        Loopback.send(descriptor, lines.hasSuffix("\n") ? lines : lines + "\n")
        shutdown(descriptor, Int32(SHUT_WR))
        return Loopback.readAll(descriptor, seconds: seconds)
    }
}

/// The real haproxy answering every request on 127.0.0.1:`port` with a 200
/// whose body is `from-backend`: the server behind the proxies the process
/// tests reload.
public final class AnsweringBackend {
    /// The body of every answer.
    public static let body = "from-backend"
    public let port: Int
    private let process: BackgroundProcess

    /// Starts it with its configuration in `directory`; fails with a clear message when haproxy is missing.
    public init(directory: URL) throws {
        guard let haproxy = Programs.path("haproxy") else {
            throw AnsweringBackendMissing()
        }
        port = Loopback.freePort()
        let config = directory.appendingPathComponent("backend-\(port).cfg")
        try """
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend answer
                bind 127.0.0.1:\(port)
                http-request return status 200 content-type text/plain string "\(Self.body)"

            """.write(to: config, atomically: true, encoding: .utf8)
        process = try BackgroundProcess(haproxy, ["-db", "-f", config.path])
        guard Loopback.waitForListener(port: port) else {
            throw AnsweringBackendMissing(reason: "the backend haproxy did not listen: \(process.output)")
        }
    }

    /// Whether `response` is this backend's answer, relayed.
    public static func answered(_ response: String) -> Bool {
        response.hasPrefix("HTTP/1.1 200") && response.hasSuffix(body)
    }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// Why the answering backend could not start.
public struct AnsweringBackendMissing: Error, CustomStringConvertible {
    public var reason = "haproxy 2.6 is needed as the test backend (install haproxy)"
    public init(reason: String? = nil) { if let reason { self.reason = reason } }
    public var description: String { reason }
}
