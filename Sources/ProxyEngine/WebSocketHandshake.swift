import NIOHTTP1

/// HAProxy's checks of an HTTP/1 WebSocket handshake: a message whose
/// `Connection` has the `upgrade` token and whose `Upgrade` has `websocket`
/// must carry its key. A request without a 24-character `Sec-WebSocket-Key`
/// gets 400; a `101` without `Sec-WebSocket-Accept` gets 502. HAProxy 2.6
/// has no option to relax this (3.2 added one).
enum WebSocketHandshake {
    /// Whether the headers announce a WebSocket handshake.
    static func isHandshake(_ headers: HTTPHeaders) -> Bool {
        headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" }
            && headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
    }

    /// Whether a handshake request carries a key of the length of 16 bytes in base64.
    static func requestHasKey(_ headers: HTTPHeaders) -> Bool {
        headers["sec-websocket-key"].contains { $0.utf8.count == 24 }
    }

    /// Whether a handshake response carries its accept header.
    static func responseHasAccept(_ headers: HTTPHeaders) -> Bool {
        headers.contains(name: "sec-websocket-accept")
    }
}
