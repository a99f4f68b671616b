import HAProxyConfig

extension EffectiveProxy {
    /// The server options that make HAProxy prepare TLS for a server.
    static let serverTLSOptions: Set<String> = ["ssl", "check-ssl"]

    /// Whether HAProxy prepares TLS for a server: `ssl` or `check-ssl` on its
    /// line or inherited from `default-server` (even when the line says `no-ssl`).
    func preparesTLS(for server: Server) -> Bool {
        let prepares: (NamedOption) -> Bool = { $0.name == "ssl" || $0.name == "check-ssl" }
        return server.options.contains(where: prepares) || defaultServerOptions.contains(where: prepares)
    }
}
