import HAProxyConfig

extension EffectiveProxy {
    /// The server options that make HAProxy prepare TLS for a server.
    static let serverTLSOptions: Set<String> = ["ssl", "check-ssl"]

    /// Whether HAProxy prepares TLS for a server: `ssl` or `check-ssl` on its
    /// line or inherited from `default-server` (even when the line says `no-ssl`).
    func preparesTLS(for server: Server) -> Bool {
        let prepares: (NamedOption) -> Bool = { Self.serverTLSOptions.contains($0.name) }
        return server.options.contains(where: prepares) || defaultServerOptions.contains(where: prepares)
    }
}

extension HAProxyCheckContext {
    /// Calls `body` with every server HAProxy prepares TLS for, and its proxy,
    /// in order. Configurations where no line says `ssl` or `check-ssl` are
    /// not walked at all.
    func forEachTLSServer(_ body: (EffectiveProxy, Server) -> Void) {
        guard vocabulary.uses(anyOption: EffectiveProxy.serverTLSOptions) else { return }
        for proxy in proxies {
            for server in proxy.proxy.servers where proxy.preparesTLS(for: server) { body(proxy, server) }
        }
    }
}
