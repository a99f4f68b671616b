import KeepalivedConfig

/// The VRRP priority one node's copy of an instance advertises as its tracked
/// scripts and interfaces change state, as Keepalived 2.2 computes it: the
/// configured priority (100 when unset), plus each positive weight while its
/// check succeeds, minus each negative weight while it fails, kept within
/// 1–254. A weight on the `track_script` line replaces the script's own; a
/// weight of 0 puts the instance in FAULT when the check fails, and an address
/// owner (priority 255) ignores weights.
struct FailoverPriority {
    /// One tracked script or interface, with the weight in force.
    struct Tracked {
        var entry: TrackEntry
        var kind: String
        var weight: Int
        /// How long a failure takes to be noticed (`fall` × `interval`), for scripts.
        var detection: Double?
    }

    let base: Int
    let tracked: [Tracked]

    /// `scripts` holds the node's `vrrp_script` blocks by name (the first of a name).
    init(_ instance: VRRPInstance, scripts byName: [String: VRRPScript]) {
        base = instance.priority ?? 100
        tracked = instance.trackScripts.map { entry in
            let script = byName[entry.name]
            let detection = script.map { Double($0.fall ?? 1) * ($0.interval ?? 1) }
            return Tracked(entry: entry, kind: "script", weight: entry.weight ?? script?.weight ?? 0, detection: detection)
        } + instance.trackInterfaces.map { Tracked(entry: $0, kind: "interface", weight: $0.weight ?? 0, detection: nil) }
    }

    /// Whether weights apply at all (an address owner keeps 255).
    var usesWeights: Bool { base < 255 }

    /// The priority with every check succeeding.
    var healthy: Int {
        guard usesWeights else { return base }
        return Self.clamp(base + tracked.reduce(0) { $0 + max($1.weight, 0) })
    }

    /// The priority with only `item` failing; nil when that failure puts the instance in FAULT.
    func failing(_ item: Tracked) -> Int? {
        guard item.weight != 0 else { return nil }
        guard usesWeights else { return base }
        return Self.clamp(healthy - abs(item.weight))
    }

    /// The priority without `item`'s contribution when it succeeds.
    func without(_ item: Tracked) -> Int { Self.clamp(healthy - max(item.weight, 0)) }

    /// A configuration's scripts by name, the first of each name, for `init`.
    static func scripts(of configuration: KeepalivedConfiguration) -> [String: VRRPScript] {
        Dictionary(configuration.scripts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func clamp(_ priority: Int) -> Int { min(max(priority, 1), 254) }
}
