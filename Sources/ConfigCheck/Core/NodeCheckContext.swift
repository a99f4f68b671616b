/// One node of a cluster: its name and what it runs.
public struct NodeCheckContext: Sendable {
    /// The values, behind one reference: cross-node rules copy a node for each of thousands of instances.
    private final class Storage: Sendable {
        let name: String?
        let haproxy: HAProxyCheckContext?
        let keepalived: [KeepalivedCheckContext]

        init(name: String?, haproxy: HAProxyCheckContext?, keepalived: [KeepalivedCheckContext]) {
            self.name = name
            self.haproxy = haproxy
            self.keepalived = keepalived
        }
    }

    private let storage: Storage

    /// The name given with `--node NAME=…`, or nil for a plain `weir lint`.
    public var name: String? { storage.name }
    public var haproxy: HAProxyCheckContext? { storage.haproxy }
    public var keepalived: [KeepalivedCheckContext] { storage.keepalived }

    public init(name: String?, haproxy: HAProxyCheckContext?, keepalived: [KeepalivedCheckContext]) {
        storage = Storage(name: name, haproxy: haproxy, keepalived: keepalived)
    }

    /// A label for messages.
    public var label: String { name.map { "node '\($0)'" } ?? "this node" }
}
