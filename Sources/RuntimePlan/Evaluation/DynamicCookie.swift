#if canImport(Glibc)
import Glibc
#endif

/// A server's dynamic persistence cookie, as HAProxy 2.6 makes it (`cookie NAME dynamic` with
/// `dynamic-cookie-key`, server.c `srv_set_dyncookie`): the XXH64 (seed 0) of the key, the server's address
/// (4 bytes for IPv4, 16 for IPv6) and its port as four big-endian bytes, written as 16 lowercase hex digits.
/// A server named by host name or socket path gets none.
public enum DynamicCookie {
    /// The cookie value for a server at `host` (an IP address literal) and `port`; nil for another host.
    public static func value(key: String, host: String, port: Int) -> String? {
        guard let address = addressBytes(host) else { return nil }
        let portBytes = (0..<4).map { UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: port) >> (24 - 8 * $0)) }
        let hash = KeyHashes.xxh64(Array(key.utf8) + address + portBytes, seed: 0)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The network-order bytes of an IPv4 or IPv6 literal.
    static func addressBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
