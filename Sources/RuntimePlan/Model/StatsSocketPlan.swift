/// One `stats socket` line of `global`: where HAProxy's runtime API (the
/// CLI) listens and what a client connected to it may do.
public struct StatsSocketPlan: Sendable, Hashable, Codable {
    /// What a CLI session may run (`level`), from least to most.
    public enum Level: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// Read-only commands that show nothing sensitive.
        case user
        /// Every read command and the changes that cannot harm (HAProxy's default level).
        case `operator`
        /// Every command.
        case admin

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The socket: a Unix path (with `mode`, `uid`, `gid`…) or an IP address with a port.
    public var listen: ListenAddress
    public var level: Level
    /// `expose-fd listeners`: `_getsocks` on this socket hands the listening sockets to a new process (`-x`).
    public var exposesListeners: Bool?

    public init(listen: ListenAddress, level: Level = .operator, exposesListeners: Bool? = nil) {
        self.listen = listen
        self.level = level
        self.exposesListeners = exposesListeners
    }
}
