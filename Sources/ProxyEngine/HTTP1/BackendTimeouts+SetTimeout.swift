import NIOCore
import RuntimePlan

extension BackendTimeouts {
    /// The backend's timeouts with what the request's `set-timeout` rules set in place of `server` and `tunnel`.
    func overridden(by timeouts: StreamTimeouts) -> BackendTimeouts {
        var result = self
        if let server = timeouts.serverOverrideMs { result.server = .milliseconds(Int64(server)) }
        if let tunnel = timeouts.tunnelOverrideMs { result.tunnel = .milliseconds(Int64(tunnel)) }
        return result
    }
}
