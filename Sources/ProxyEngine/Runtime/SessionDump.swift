import Foundation
import NIOCore

/// `show sess`: one line per client connection, with the fields HAProxy
/// starts its lines with (id, `proto`, `src`, `fe`, `be`, `srv`, `ts`, `epoch`, `age`),
/// the CLI session itself included; and the header of `show errors`.
struct SessionDump {
    let engine: EngineContext

    func text(cli: CLISessionInfo, on loop: EventLoop) -> EventLoopFuture<String> {
        engine.connections.sessions(on: loop).map { sessions in Self.text(sessions, cli: cli) }
    }

    private static func text(_ sessions: [ConnectionTracker.Session], cli: CLISessionInfo) -> String {
        let now = NIODeadline.now()
        var lines = sessions.map { session in
            let remote = session.channel.remoteAddress
            let proto = remote.map { $0.protocol == .inet6 ? "tcpv6" : "tcpv4" } ?? "unix_stream"
            let source = remote.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "unix"
            return line(id: ObjectIdentifier(session.channel), proto: proto, source: source, frontend: session.frontend,
                        age: now - session.opened)
        }
        lines.append(line(id: cli.id, proto: cli.proto, source: cli.source, frontend: "GLOBAL", age: now - cli.opened))
        return lines.joined()
    }

    private static func line(id: ObjectIdentifier, proto: String, source: String, frontend: String, age: TimeAmount) -> String {
        let address = String(UInt(bitPattern: id.hashValue), radix: 16)
        return "0x\(address): proto=\(proto) src=\(source) fe=\(frontend) be=<NONE> srv=<none> ts=00 epoch=0 "
            + "age=\(age.nanoseconds / 1_000_000_000)s\n"
    }

    /// `show errors`: the engine keeps no copy of invalid messages, so it reports none.
    static func errorsHeader(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss.SSS"
        return "Total events captured on [\(formatter.string(from: date))] : 0\n"
    }
}
