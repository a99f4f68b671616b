import HAProxyConfig

/// A backend's `default-server` options, read once, to answer what each of
/// its servers has in force (large configs have tens of thousands of servers).
struct ServerSettings {
    private let inherited: [NamedOption]

    init(_ proxy: EffectiveProxy) { inherited = proxy.defaultServerOptions }

    /// The option in force: the server line's last, else the inherited one.
    func option(_ name: String, of server: Server) -> NamedOption? {
        server.options.last { $0.name == name } ?? inherited.last { $0.name == name }
    }

    /// Whether a flag (`check`) is in force, its `no-` form cancelling it.
    func flag(_ name: String, of server: Server) -> Bool {
        let negated = "no-" + name
        let matches: (NamedOption) -> Bool = { $0.name == name || $0.name == negated }
        return (server.options.last(where: matches) ?? inherited.last(where: matches))?.name == name
    }
}
