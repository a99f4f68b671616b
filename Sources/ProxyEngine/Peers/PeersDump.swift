import Foundation
import NIOCore

/// `show peers [dict|-] [SECTION]` in HAProxy 2.6's layout (src/peers.c
/// `peers_dump_head`, `peers_dump_peer`): each section's head line, then its
/// peers newest-declared first, each with its status, deadlines, counters,
/// session and shared tables. The engine has no HAProxy internals, so the
/// section and peer `flags`, the applet's `st0`/`st1` and the `task_calls`
/// counts print 0 (`st0` 7, waiting for messages, on a live session), and the
/// dictionary caches print empty.
enum PeersDump {
    /// The answer for the command's words after `show peers`.
    static func run(_ words: [String], services: [PeersService], on loop: EventLoop) -> EventLoopFuture<String> {
        var words = words[...]
        var dictionaries = false
        if words.first == "dict" {
            dictionaries = true
            words = words.dropFirst()
        } else if words.first == "-" {
            words = words.dropFirst()
        }
        var chosen = services
        if let name = words.first, !name.isEmpty {
            // A section this process does not take part in is still HAProxy's section: only an unknown name is refused.
            chosen = services.filter { $0.plan.name == name }
            if chosen.isEmpty { return loop.makeSucceededFuture("No such peers\n") }
        }
        let parts = chosen.map { $0.dump(dictionaries: dictionaries) }
        return EventLoopFuture.whenAllSucceed(parts, on: loop).map { $0.joined(separator: "\n") }
    }

    /// `%p`: an address-like number for an object, stable while it lives.
    static func pointer(_ object: AnyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(object).hashValue), radix: 16)
    }

    /// HAProxy's `human_time` (src/tools.c) for a duration in milliseconds: whole seconds, at most two
    /// units, the zero ones left out (`1m5s`, `2h`, `0s`).
    static func humanTime(_ milliseconds: Int64) -> String {
        let total = max(milliseconds, 0) / 1000
        var text = "", left = 2
        if total >= 86_400 {
            text += "\(total / 86_400)d"
            left -= 1
        }
        for (value, unit) in [(total % 86_400 / 3600, "h"), (total % 3600 / 60, "m")] where left > 0 && value > 0 {
            text += "\(value)\(unit)"
            left -= 1
        }
        if (left > 0 && total % 60 > 0) || total == 0 { text += "\(total % 60)s" }
        return text
    }

    /// A deadline as `show peers` prints one: `<NEVER>`, `<PAST>` or the time left.
    static func deadline(_ when: NIODeadline?, now: NIODeadline) -> String {
        guard let when else { return "<NEVER>" }
        return when <= now ? "<PAST>" : humanTime((when - now).nanoseconds / 1_000_000)
    }

    /// An instant as the time since it (`last_hdshk`).
    static func since(_ when: NIODeadline?, now: NIODeadline) -> String {
        guard let when else { return "<NEVER>" }
        return humanTime((now - when).nanoseconds / 1_000_000)
    }

    /// `[07/Dec/2026:21:04:57]` in local time.
    static func date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "[\(two(parts.tm_mday))/\(months[Int(parts.tm_mon)])/\(parts.tm_year + 1900):\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec))]"
    }

    /// The RX dictionary cache lines of `show peers dict`: 128 empty slots, four a line.
    static let emptyReceiveCache: String = stride(from: 0, to: PeerDictionary.capacity, by: 4).map { first in
        "\n        " + (first..<(first + 4)).map { String(format: "  %3d -> -", $0) }.joined()
    }.joined()
}
