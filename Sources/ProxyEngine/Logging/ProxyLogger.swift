import Atomics
import Foundation
import RuntimePlan

/// Sends the log lines of one proxy to its targets: level filters
/// (`<max level> [<min level>]`), `sample`, `len`, the syslog header of
/// each target's format. Made only for a proxy that has targets, so a
/// proxy without `log` costs nothing on the request path.
final class ProxyLogger: Sendable {
    let plan: ProxyLogPlan
    private let senders: [LogSender]
    /// Messages seen by each target, for `sample`.
    private let sequences: [ManagedAtomic<Int>]
    private let tag: String
    /// The host name of rfc3164/rfc5424 headers (nil: not sent).
    private let headerHostname: String?
    /// The system's host name (`%H`).
    let hostname: String
    let pid: Int32
    /// Lines built so far (`%lc`).
    let lineCount = ManagedAtomic<Int>(0)

    /// nil when the proxy has no target that could be opened; `warn` hears of each target that could not.
    /// `rings`: the engine's rings, for `ring@NAME` targets.
    init?(plan: ProxyLogPlan, global: GlobalLogPlan, rings: LogRings = LogRings(), warn: (String) -> Void) {
        var senders: [LogSender] = []
        for target in plan.targets {
            if let sender = LogSender(target, rings: rings) { senders.append(sender) } else { warn("cannot open log target \(Self.describe(target.destination))") }
        }
        guard !senders.isEmpty else { return nil }
        self.plan = plan
        self.senders = senders
        self.sequences = senders.map { _ in ManagedAtomic(0) }
        self.tag = plan.tag ?? global.tag
        let system = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        self.hostname = system
        self.headerHostname = global.sendsHostname ? (global.hostname ?? system) : nil
        self.pid = getpid()
    }

    /// Sends a message at a level (0 `emerg` … 7 `debug`) to every target that takes it.
    func send(_ message: [UInt8], level: Int, structuredData: String = "-") {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        for (index, sender) in senders.enumerated() {
            let target = sender.target
            guard level <= target.maxLevel else { continue }
            if let sample = target.sample, !sample.keeps(sequences[index].loadThenWrappingIncrement(ordering: .relaxed)) { continue }
            let effective = max(level, target.minLevel)
            var datagram: [UInt8] = []
            datagram.reserveCapacity(min(target.length, message.count + 128))
            SyslogHeader.append(&datagram, target, level: effective, tag: tag, pid: pid, hostname: headerHostname,
                                seconds: spec.tv_sec, microseconds: spec.tv_nsec / 1000, structuredData: structuredData)
            let room = max(0, target.length - datagram.count - 1)
            datagram.append(contentsOf: message.prefix(room))
            datagram.append(10)
            sender.send(datagram)
        }
    }

    /// A destination as a `log` line writes it (`127.0.0.1:514`, `[::1]:514`, `/dev/log`, `fd@1`).
    static func describe(_ destination: LogTarget.Destination) -> String {
        switch destination {
        case .udp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unixDatagram(let path): path
        case .fileDescriptor(let descriptor): "fd@\(descriptor)"
        case .ring(let name): "ring@\(name)"
        }
    }

    /// Sends a text message (server state changes, health checks).
    func send(_ text: String, level: Int) { send(Array(text.utf8), level: level) }
}

/// HAProxy's log levels by name.
enum LogLevel {
    static let emerg = 0, alert = 1, crit = 2, err = 3, warning = 4, notice = 5, info = 6, debug = 7
}
