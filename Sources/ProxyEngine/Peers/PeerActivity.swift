import NIOCore

/// What `show peers` reports of one other peer across its sessions, kept
/// as HAProxy keeps it in `struct peer` (src/peers.c): the last handshake
/// status and when it happened, the next reconnection and heartbeat
/// deadlines, and the session counters. Used on the peers service's loop only.
struct PeerActivity {
    /// The handshake status codes (`PEER_SESS_SC_*`); 0 before any session.
    static let connecting = 100, connected = 110, success = 200

    var statusCode = 0
    var lastHandshake: NIODeadline?
    var reconnect: NIODeadline?
    var heartbeat: NIODeadline?
    var transmittedHeartbeats = 0
    var receivedHeartbeats = 0
    /// Sessions ended because the peer sent nothing (not even a heartbeat) for too long.
    var missedHeartbeats = 0
    var newConnections = 0
    var protocolErrors = 0
    /// Sessions closed because a newer one with the same peer replaced them.
    var collisions = 0

    /// `last_status=` (src/peers.c `statuscode_str`).
    var statusName: String {
        switch statusCode {
        case Self.connecting: "CONN"
        case Self.connected: "HSHK"
        case Self.success: "ESTA"
        case 300: "RETR"
        case 501: "PROT"
        case 502: "VERS"
        case 503: "NAME"
        case 504: "UNKN"
        default: "NONE"
        }
    }

    /// A new outgoing connection (`peer_session_create`).
    mutating func connecting(_ now: NIODeadline) {
        newConnections += 1
        reconnect = now + PeersService.silenceLimit
        heartbeat = nil
        statusCode = Self.connecting
        lastHandshake = now
    }

    /// A handshake answered or judged with `code`.
    mutating func handshake(_ code: Int, _ now: NIODeadline) {
        statusCode = code
        lastHandshake = now
        if code == Self.success { heartbeat = now + PeersService.heartbeatInterval }
    }
}

/// What `show peers` shows of a live session.
struct PeerSessionReport {
    /// HAProxy's `st0` for the state (`PEER_SESS_ST_*`: 1 reading a hello, 6 awaiting a status, 7 established, 11 ended).
    var stage: Int
    /// The peer connected to us (HAProxy then shows the connection's addresses).
    var incoming: Bool
    var connected: Bool
    var local: SocketAddress?
    var remote: SocketAddress?
    /// One of our tables in the session.
    struct Table {
        /// The peer's id for it (0 before its definition) and the data types its definition names (bits by type id).
        var remoteID: UInt64
        var remoteData: UInt64
        /// The last of our updates pushed, the last of the peer's received.
        var pushed: UInt32
        var received: UInt32
    }

    /// By our table id.
    var tables: [UInt64: Table]
    /// Our id of the table the peer's last definition or switch named, and of the last table our messages named.
    var remoteTable: UInt64?
    var lastLocalTable: UInt64?
}
