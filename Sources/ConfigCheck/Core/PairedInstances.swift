import ConfigDiagnostics
import KeepalivedConfig

/// The same VRRP instance (by name) on several nodes.
public struct PairedInstance: Sendable {
    /// One node's copy of the instance; a reference, since every pair rule passes thousands of them around.
    public final class Member: Sendable {
        public let node: NodeCheckContext
        public let instance: VRRPInstance
        public let context: KeepalivedCheckContext

        init(node: NodeCheckContext, instance: VRRPInstance, context: KeepalivedCheckContext) {
            self.node = node
            self.instance = instance
            self.context = context
        }

        /// The range of a value line's argument in this instance, else of the instance name.
        public func range(_ keyword: String) -> SourceRange {
            context.valueRange(keyword, in: instance.location) ?? context.nameRange(instance.location)
        }
    }

    public var name: String
    /// Members in node order.
    public var members: [Member]
}

extension Array where Element == NodeCheckContext {
    /// The VRRP instances of the nodes grouped by name, in order of first appearance.
    public var pairedInstances: [PairedInstance] {
        var order: [String] = []
        var members: [String: [PairedInstance.Member]] = [:]
        for node in self {
            for context in node.keepalived {
                for instance in context.configuration.instances {
                    if members[instance.name] == nil { order.append(instance.name) }
                    members[instance.name, default: []].append(.init(node: node, instance: instance, context: context))
                }
            }
        }
        return order.map { PairedInstance(name: $0, members: members[$0]!) }
    }
}
