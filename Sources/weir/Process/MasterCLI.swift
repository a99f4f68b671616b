import Foundation

/// The master CLI of master-worker mode (`-S ADDRESS[,mode,MODE]`), as
/// HAProxy 2.6's: `show proc`, `reload`, `show version`, `help`, `prompt`
/// (the `master> ` prompt), `quit`, and a command prefixed with `@1` (the
/// current worker), `@!PID` (any worker, old ones too) or `@master`, which
/// is sent to that worker's runtime API and its answer relayed. Each worker
/// listens for its master on an abstract socket named after its pid
/// (`MasterCLI.workerSocketName`). Sessions are served one thread each,
/// line by line until the client closes or sends `quit`.
final class MasterCLI: @unchecked Sendable {
    /// The abstract socket a worker's runtime API listens on for its master.
    static func workerSocketName(_ pid: pid_t) -> String { "weir-master-cli-\(pid)" }

    private let listener: Int32
    private let table: MasterProcessTable
    private let version: String

    private init(listener: Int32, table: MasterProcessTable, version: String) {
        self.listener = listener
        self.table = table
        self.version = version
    }

    /// Binds `-S`'s address (a Unix path, `unix@PATH`, or `[ipv4@]HOST:PORT`; options `mode`, `uid`, `gid`).
    static func open(_ specification: String, table: MasterProcessTable, version: String) -> Result<MasterCLI, LaunchFailure> {
        let parts = specification.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let failure = LaunchFailure("Cannot create the master CLI socket '\(parts[0])'")
        let address = parts[0].hasPrefix("unix@") ? String(parts[0].dropFirst(5)) : parts[0]
        let descriptor: Int32
        if address.hasPrefix("fd@") {
            // A socket the starter already bound (VTest's `-S fd@N`), as haproxy accepts it; kept from the workers.
            guard let inherited = Int32(address.dropFirst(3)), fcntl(inherited, F_SETFD, FD_CLOEXEC) == 0 else { return .failure(failure) }
            descriptor = inherited
        } else if address.hasPrefix("/") || address.hasPrefix("./") || !address.contains(":") {
            unlink(address)
            descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0, MasterCLIConnection.bindUnix(descriptor, path: address) else { return .failure(failure) }
            var index = 1
            while index + 1 < parts.count {
                let (name, value) = (parts[index], parts[index + 1])
                index += 2
                switch name {
                case "mode": if let mode = mode_t(value, radix: 8) { chmod(address, mode) }
                case "uid": if let uid = uid_t(value) { chown(address, uid, gid_t(bitPattern: -1)) }
                case "gid": if let gid = gid_t(value) { chown(address, uid_t(bitPattern: -1), gid) }
                default: return .failure(LaunchFailure("master CLI socket option '\(name)' is not supported by weir (mode, uid, gid)"))
                }
            }
        } else {
            let text = address.hasPrefix("ipv4@") ? String(address.dropFirst(5)) : address
            guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return .failure(failure) }
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0, MasterCLIConnection.bindInet(descriptor, host: String(text[..<colon]), port: port) else {
                return .failure(failure)
            }
        }
        guard listen(descriptor, 16) == 0 else { return .failure(failure) }
        return .success(MasterCLI(listener: descriptor, table: table, version: version))
    }

    /// Accepts sessions on a thread of its own until the process ends.
    func start() {
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    return
                }
                // Not inherited by the workers the master starts.
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                Thread.detachNewThread { [self] in serve(client) }
            }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var session = MasterCLISession(table: table, version: version)
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            pending += buffer[0..<count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if line.hasSuffix("\r") { line.removeLast() }
                let answer = session.run(line)
                MasterCLIConnection.writeAll(client, answer.text)
                if answer.ends { return }
            }
        }
    }
}
