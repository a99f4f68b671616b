import ConfigDiagnostics
import HAProxyConfig
import KeepalivedConfig

/// A `bind` address of a node's HAProxy, with where it is written.
public struct BoundAddress: Sendable {
    public var proxy: String
    public var address: ConfigAddress
    public var bind: Bind
    /// The range of the address word.
    public var range: SourceRange

    /// Whether the address listens on every local address (`*`, empty, `0.0.0.0`, `::`).
    public var isWildcard: Bool {
        address.family == .any || address.host.isEmpty || address.host == "*" || address.host == "0.0.0.0"
            || address.host == "::"
    }
}

/// A virtual address of a node's Keepalived, with its instance.
public struct NodeVIP: Sendable {
    public var instance: VRRPInstance
    public var address: VirtualAddress
    public var context: KeepalivedCheckContext

    public var range: SourceRange { context.range(of: address.location) }
}

extension NodeCheckContext {
    /// Every network `bind` address of the node's frontends and listens.
    public var boundAddresses: [BoundAddress] {
        guard let haproxy else { return [] }
        return haproxy.frontends.flatMap { effective -> [BoundAddress] in
            let proxy = effective.proxy
            return proxy.binds.flatMap { bind -> [BoundAddress] in
                let word = proxy.directives.first { $0.keyword == "bind" && $0.range == bind.range }?.argumentRanges.first
                return bind.addresses.filter { [.ipv4, .ipv6, .any, .hostname].contains($0.family) }.map {
                    BoundAddress(proxy: effective.name, address: $0, bind: bind, range: word ?? bind.range)
                }
            }
        }
    }

    /// Every `virtual_ipaddress` of the node's VRRP instances.
    public var virtualAddresses: [NodeVIP] {
        keepalived.flatMap { context in
            context.configuration.instances.flatMap { instance in
                instance.virtualAddresses.map { NodeVIP(instance: instance, address: $0, context: context) }
            }
        }
    }
}
