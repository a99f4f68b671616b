import NIOCore
import RuntimePlan

extension ProxyEngine {
    /// Binds each peers section's local peer and starts its connections; adds the bound addresses to `bound`.
    /// In a reload (`replacing` old processes) each section first learns the old process's tables over the local peer.
    func startPeers(_ bound: inout [String], replacing oldProcesses: Int) async throws {
        for service in peers {
            let listener: Channel?
            do {
                listener = try await service.start(learnFromOldProcess: oldProcesses > 0)
            } catch {
                let address = service.plan.listenEndpoint(local: service.localName).map { "\($0)" } ?? "-"
                throw StartError(description: "peers \(service.plan.name): cannot bind \(address): \(error)")
            }
            if let listener, let endpoint = service.plan.listenEndpoint(local: service.localName) {
                bound.append(ListenerSocket.describe(listener, ListenAddress(endpoint: endpoint)))
            }
        }
    }
}
