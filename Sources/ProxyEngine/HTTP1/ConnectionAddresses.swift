import NIOCore

/// A client connection's two ends as the rules read them (`src`, `src_port`,
/// `dst`, `dst_port`), formatted once per connection rather than per request.
struct ConnectionAddresses {
    let source: String?
    let sourcePort: Int?
    let destination: String?
    let destinationPort: Int?

    init(_ channel: Channel) {
        let client = channel.remoteAddress, local = channel.localAddress
        source = client?.ipAddress
        sourcePort = client?.port
        destination = local?.ipAddress
        destinationPort = local?.port
    }
}
