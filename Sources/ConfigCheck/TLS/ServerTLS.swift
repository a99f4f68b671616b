import HAProxyConfig

extension EffectiveProxy {
    /// Whether HAProxy prepares TLS for a server: `ssl` or `check-ssl` on its
    /// line or inherited from `default-server` (even when the line says `no-ssl`).
    func preparesTLS(for server: Server) -> Bool {
        options(of: server).contains { $0.name == "ssl" || $0.name == "check-ssl" }
    }
}
