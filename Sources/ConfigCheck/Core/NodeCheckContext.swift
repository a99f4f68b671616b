/// One node of a cluster: its name and what it runs.
public struct NodeCheckContext: Sendable {
    /// The name given with `--node NAME=…`, or nil for a plain `weir lint`.
    public let name: String?
    public let haproxy: HAProxyCheckContext?
    public let keepalived: [KeepalivedCheckContext]

    public init(name: String?, haproxy: HAProxyCheckContext?, keepalived: [KeepalivedCheckContext]) {
        self.name = name
        self.haproxy = haproxy
        self.keepalived = keepalived
    }

    /// A label for messages.
    public var label: String { name.map { "node '\($0)'" } ?? "this node" }
}
