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

    /// Releases what the request's stream tracks.
    func endStickStream() {
        stickStream?.end()
        stickStream = nil
    }

    /// The connection ends: releases what its stream and its `tcp-request connection` rules track.
    func endStickCounters() {
        endStickStream()
        stickConnection?.end()
        stickConnection = nil
    }
}
