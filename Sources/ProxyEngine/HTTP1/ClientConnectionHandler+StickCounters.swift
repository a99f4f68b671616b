import RuntimePlan

/// Each HTTP request is a stream with its own stick counters, as in
/// HAProxy 2.6: `http-request track-sc*` runs again for every keep-alive
/// request, and what a stream tracks is released (conn_cur goes down) when
/// its response is complete or the connection ends. What `tcp-request
/// connection` rules track lives as long as the connection.
extension ClientConnectionHandler {
    /// Starts the stick counters of a new request; nil when the plan has no table.
    func beginStickStream() -> StickCounterHandle? {
        guard !engine.stickTables.isEmpty else { return nil }
        endStickStream()
        let stream = TrackedCounters.stream(for: stickConnection, tables: engine.stickTables, defaultTable: frontend.name)
        stickStream = stream
        return StickCounterHandle(stream)
    }

    /// Releases what the request's stream tracks, after adding the bytes of its request and response
    /// (HAProxy counts them as they flow; the totals are the same once the stream ends).
    func endStickStream() {
        guard let stream = stickStream else { return }
        if stickBytes.received > 0 || stickBytes.sent > 0 {
            stream.countBytes(in: stickBytes.received, out: stickBytes.sent)
            stickBytes = StickByteCounts()
        }
        stream.end()
        stickStream = nil
    }

    /// A connection closed before its first request: HAProxy 2.6 counts it on the connection's
    /// counters as a request and an error (observed: `http_req_cnt` and `http_err_cnt` +1 each).
    func countClosedWithoutRequest() {
        guard let connection = stickConnection else { return }
        for slot in 0..<TrackedCounters.slotCount {
            guard let tracked = connection.tracked(slot) else { continue }
            tracked.table.countRequest(tracked.entry)
            tracked.table.countError(tracked.entry)
        }
    }

    /// The connection ends: releases what its stream and its `tcp-request connection` rules track.
    func endStickCounters() {
        endStickStream()
        stickConnection?.end()
        stickConnection = nil
    }
}

/// The bytes a connection received from its client and sent to it since its last stream ended.
struct StickByteCounts {
    var received = 0
    var sent = 0
}
