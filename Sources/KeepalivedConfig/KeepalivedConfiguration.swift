/// A whole keepalived.conf as typed values. Every value keeps the word it
/// came from (`location`), so checks can point at it.
public struct KeepalivedConfiguration: Sendable, Hashable, Codable {
    public var globalDefs: GlobalDefs?
    public var scripts: [VRRPScript] = []
    public var instances: [VRRPInstance] = []
    public var syncGroups: [VRRPSyncGroup] = []
    public var virtualServers: [VirtualServer] = []
    /// Top-level blocks the IR does not model (static_routes, vrrp_track_process, …).
    public var otherBlocks: [KeepalivedNode] = []

    public init() {}
}

/// `global_defs`.
public struct GlobalDefs: Sendable, Hashable, Codable {
    public var routerID: String?
    public var enableScriptSecurity = false
    public var scriptUser: [String]?
    public var location: KeepalivedWord
}

/// `vrrp_script NAME { … }`.
public struct VRRPScript: Sendable, Hashable, Codable {
    public var name: String
    public var script: String?
    public var interval: Double?
    public var timeout: Double?
    public var weight: Int?
    public var rise: Int?
    public var fall: Int?
    public var user: [String]?
    public var initFail = false
    public var location: KeepalivedWord
}

/// One line of `virtual_ipaddress` / `virtual_ipaddress_excluded`:
/// `ADDRESS[/PREFIX] [dev IFACE] [label LABEL] …`.
public struct VirtualAddress: Sendable, Hashable, Codable {
    public var address: String
    public var prefixLength: Int?
    public var device: String?
    public var label: String?
    /// Everything after the address, as written.
    public var options: [String]
    public var location: KeepalivedWord
}

/// A `track_script` or `track_interface` entry with its optional weight.
public struct TrackEntry: Sendable, Hashable, Codable {
    public var name: String
    public var weight: Int?
    public var location: KeepalivedWord
}

/// `vrrp_instance NAME { … }`.
public struct VRRPInstance: Sendable, Hashable, Codable {
    /// `authentication { auth_type …; auth_pass … }`.
    public struct Authentication: Sendable, Hashable, Codable {
        public var type: String?
        public var password: String?
        public var location: KeepalivedWord
    }

    public var name: String
    public var state: String?
    public var interface: String?
    public var virtualRouterID: Int?
    public var priority: Int?
    public var advertInterval: Double?
    public var version: Int?
    public var authentication: Authentication?
    public var virtualAddresses: [VirtualAddress] = []
    public var excludedAddresses: [VirtualAddress] = []
    public var unicastSourceIP: String?
    public var unicastPeers: [String] = []
    public var trackScripts: [TrackEntry] = []
    public var trackInterfaces: [TrackEntry] = []
    public var noPreempt = false
    public var preemptDelay: Double?
    /// `notify`, `notify_master`, `notify_backup`, `notify_fault`, `notify_stop` scripts by keyword.
    public var notify: [String: String] = [:]
    public var location: KeepalivedWord
}

/// `vrrp_sync_group NAME { group { … } … }`.
public struct VRRPSyncGroup: Sendable, Hashable, Codable {
    public var name: String
    public var members: [String]
    public var notify: [String: String]
    public var location: KeepalivedWord
}

/// `virtual_server ADDRESS PORT | fwmark N | group NAME { … }`.
public struct VirtualServer: Sendable, Hashable, Codable {
    /// A health checker of a real server.
    public struct Checker: Sendable, Hashable, Codable {
        /// `TCP_CHECK`, `HTTP_GET`, `SSL_GET`, `MISC_CHECK`, …
        public var kind: String
        public var connectTimeout: Double?
        public var connectPort: Int?
        /// `url { path …; digest …; status_code … }` entries of HTTP_GET/SSL_GET.
        public var urls: [[String: String]] = []
        public var miscPath: String?
        public var location: KeepalivedWord
    }

    /// `real_server ADDRESS PORT { … }`.
    public struct RealServer: Sendable, Hashable, Codable {
        public var address: String
        public var port: Int?
        public var weight: Int?
        public var checkers: [Checker] = []
        public var location: KeepalivedWord
    }

    /// The words after `virtual_server` (`10.0.0.1 80`, `fwmark 1`, `group web`).
    public var target: [String]
    public var lbAlgorithm: String?
    public var lbKind: String?
    public var protocolName: String?
    public var persistenceTimeout: Int?
    public var delayLoop: Double?
    public var sorryServer: [String]?
    public var realServers: [RealServer] = []
    public var location: KeepalivedWord
}
