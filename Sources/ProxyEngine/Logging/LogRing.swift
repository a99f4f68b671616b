import NIOConcurrencyHelpers
import RuntimePlan

/// The in-memory buffer of a `ring` section: the last messages sent to
/// `log ring@NAME`, each with its header, the oldest dropped once the
/// messages pass the ring's `size`, each counted as HAProxy stores it (its
/// length as a varint, one byte of readers, its bytes: src/ring.c
/// `ring_write`). `show events NAME` reads them. Shared by every event loop,
/// so a message takes the ring's lock (HAProxy's rings take one too).
final class LogRing: Sendable {
    let plan: RingPlan
    private let stored = NIOLockedValueBox(Messages())

    private struct Messages {
        var lines: [[UInt8]] = []
        /// The first line still kept (lines before it are dropped lazily, in batches).
        var start = 0
        var bytes = 0
    }

    init(_ plan: RingPlan) { self.plan = plan }

    /// Keeps a message (cut to `maxlen`), dropping the oldest ones it does not fit beside.
    func append(_ message: [UInt8]) {
        let line = Array(message.prefix(plan.maxLength))
        stored.withLockedValue { ring in
            ring.lines.append(line)
            ring.bytes += Self.stored(line.count)
            while ring.bytes > plan.size, ring.start < ring.lines.count {
                ring.bytes -= Self.stored(ring.lines[ring.start].count)
                ring.start += 1
            }
            if ring.start > 64, ring.start * 2 > ring.lines.count {
                ring.lines.removeFirst(ring.start)
                ring.start = 0
            }
        }
    }

    /// The bytes a message of `length` takes in HAProxy's ring: the varint of its length
    /// (include/haproxy/intops.h `encode_varint`), a byte of readers, the message.
    static func stored(_ length: Int) -> Int {
        var varint = 1
        if length >= 240 {
            var rest = (length - 240) >> 4
            while rest >= 128 {
                varint += 1
                rest = (rest - 128) >> 7
            }
            varint += 1
        }
        return varint + 1 + length
    }

    /// The messages kept, oldest first, one a line (`show events NAME`).
    func text() -> String {
        stored.withLockedValue { ring in
            ring.lines[ring.start...].map { String(decoding: $0, as: UTF8.self) + "\n" }.joined()
        }
    }
}

/// The engine's rings by name, made once from the plan's `ring` sections.
struct LogRings: Sendable {
    let byName: [String: LogRing]
    /// In the order written, for `show events`.
    let ordered: [LogRing]

    init(_ plans: [RingPlan] = []) {
        ordered = plans.map(LogRing.init)
        byName = Dictionary(ordered.map { ($0.plan.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
