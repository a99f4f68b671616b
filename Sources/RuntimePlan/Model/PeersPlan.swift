/// A `peers` section, compiled: the nodes that share the stick tables
/// declared with `peers NAME` (or inside the section), and where this
/// node listens for them (doc/configuration.txt 3.5 "Peers").
public struct PeersPlan: Sendable, Hashable, Codable {
    /// One `peer NAME ADDRESS:PORT` line, or a 2.x `server NAME [ADDRESS:PORT]` line.
    public struct Peer: Sendable, Hashable, Codable {
        public var name: String
        /// Where the peer listens; nil for a `server` line without an address (the local peer of the 2.x form).
        public var endpoint: SocketEndpoint?
        public var source: SourceRef

        public init(name: String, endpoint: SocketEndpoint?, source: SourceRef) {
            self.name = name
            self.endpoint = endpoint
            self.source = source
        }
    }

    /// The section's name.
    public var name: String
    /// The peers in configuration order, the local one included.
    public var peers: [Peer]
    /// The 2.x `bind ADDRESS:PORT` line: where the local peer listens when it is named by a `server` line.
    public var bind: SocketEndpoint?
    /// The global `localpeer NAME` (the command line's `-L` takes precedence, then the host name).
    public var localPeer: String?
    /// `disabled`: the section shares nothing.
    public var disabled: Bool
    public var source: SourceRef

    public init(name: String, peers: [Peer] = [], bind: SocketEndpoint? = nil, localPeer: String? = nil,
                disabled: Bool = false, source: SourceRef) {
        self.name = name
        self.peers = peers
        self.bind = bind
        self.localPeer = localPeer
        self.disabled = disabled
        self.source = source
    }

    /// Where the local peer `local` listens: its own line's address, else the section's `bind`.
    public func listenEndpoint(local: String) -> SocketEndpoint? {
        peers.first { $0.name == local }?.endpoint ?? bind
    }
}
