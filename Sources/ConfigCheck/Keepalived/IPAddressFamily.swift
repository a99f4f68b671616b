import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The address family of a textual IP address, as `inet_pton` reads it.
enum IPAddressFamily: Sendable, Equatable {
    case ipv4
    case ipv6

    /// The family of an address without a prefix length, or nil when it is not an address.
    init?(address: String) {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, address, &buffer) == 1 {
            self = .ipv4
        } else if inet_pton(AF_INET6, address, &buffer) == 1 {
            self = .ipv6
        } else {
            return nil
        }
    }

    /// The longest prefix length of the family.
    var maximumPrefix: Int { self == .ipv4 ? 32 : 128 }

    var name: String { self == .ipv4 ? "IPv4" : "IPv6" }
}
