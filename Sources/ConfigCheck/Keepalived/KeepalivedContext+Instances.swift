import ConfigDiagnostics
import KeepalivedConfig

extension KeepalivedCheckContext {

    /// The block of a VRRP instance.
    func block(of instance: VRRPInstance) -> KeepalivedNode? { node(at: instance.location) }

    /// The VRRP version an instance speaks: its own `version`, else IPv6
    /// addresses' 3, else the global `vrrp_version`, else 2.
    func vrrpVersion(of instance: VRRPInstance) -> Int {
        if let version = instance.version { return version }
        if let first = instance.virtualAddresses.first, IPAddressFamily(address: first.address) == .ipv6 { return 3 }
        return globalDefs?.value("vrrp_version").flatMap { Int($0) } ?? 2
    }

    /// Whether `vrrp_strict` is in force for an instance.
    func isStrict(_ instance: VRRPInstance) -> Bool {
        block(of: instance)?.child("strict_mode") != nil || globalDefs?.child("vrrp_strict") != nil
    }

    /// The address family of an instance, from its first virtual address (IPv4 when it has none).
    func family(of instance: VRRPInstance) -> IPAddressFamily {
        instance.virtualAddresses.lazy.compactMap { IPAddressFamily(address: $0.address) }.first ?? .ipv4
    }
}
