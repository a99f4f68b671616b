/// The peers protocol's opening (src/peers.c `peer_prepare_hellomsg`,
/// `peer_getline_version`/`_host`/`_last`): the connecting side sends
/// `HAProxyS 2.1`, the name the receiver knows itself by, and its own name
/// with its pid and relative pid; the receiver answers a status line.
enum PeerHandshake {
    static let version = "HAProxyS 2.1"

    /// The status codes of the answer.
    enum Status: Int {
        case success = 200
        case tryAgain = 300
        case protocolError = 501
        case badVersion = 502
        case badHost = 503
        case unknownPeer = 504
    }

    /// The three lines a connecting peer sends.
    static func hello(to remote: String, from local: String, pid: Int32) -> String {
        "\(version)\n\(remote)\n\(local) \(pid) 1\n"
    }

    /// Judges the three lines received: the status to answer and, on success, the sender's peer name.
    static func judge(_ lines: [String], localName: String, knownPeers: Set<String>) -> (Status, String?) {
        guard lines.count == 3 else { return (.protocolError, nil) }
        let words = lines[0].split(separator: " ")
        guard words.count == 2, words[0] == "HAProxyS" else { return (.protocolError, nil) }
        let version = words[1].split(separator: ".", omittingEmptySubsequences: false)
        guard version.count == 2, let major = Int(version[0]), let minor = Int(version[1]) else { return (.protocolError, nil) }
        guard major == 2, minor <= 1 else { return (.badVersion, nil) }
        guard lines[1] == localName else { return (.badHost, nil) }
        guard let name = lines[2].split(separator: " ").first.map(String.init), lines[2].split(separator: " ").count == 3 else {
            return (.protocolError, nil)
        }
        guard knownPeers.contains(name) else { return (.unknownPeer, nil) }
        return (.success, name)
    }
}
