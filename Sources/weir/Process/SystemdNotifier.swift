import Foundation

/// `-Ws`: the master's state messages to systemd (`Type=notify` units), sent
/// as HAProxy 2.6's master sends them with sd_notify: `RELOADING=1` each time
/// it re-executes itself (on SIGUSR2, and into its wait mode once a worker is
/// loaded, at start as after a reload), `READY=1` with its pid when it enters
/// its loop, `STOPPING=1` on SIGTERM or SIGINT. Weir's master does not
/// re-execute, but sends the same sequence, so that units and tools that
/// watch it see what haproxy's master tells them. Each message is one
/// datagram to the unix socket named by `NOTIFY_SOCKET` (a leading `@` names
/// an abstract socket); without that variable nothing is sent, as sd_notify
/// does outside systemd.
struct SystemdNotifier {
    private let path: String

    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
        self.path = path
    }

    func ready() { send("READY=1\nMAINPID=\(getpid())") }
    func reloading() { send("RELOADING=1") }
    func stopping() { send("STOPPING=1") }

    /// One datagram; a failure is ignored, as HAProxy ignores sd_notify's result.
    private func send(_ message: String) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in name.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (name.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
    }
}
