import NIOCore
import NIOPosix
import RuntimePlan

/// Runs a plan: a listener for every bind of every frontend, HTTP or TCP
/// proxying to the backends, health checks, limits and timeouts.
public final class ProxyEngine: Sendable {
    /// Why the engine could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    let engine: EngineContext
    private let group: EventLoopGroup

    /// `events` receives listener, server-state and warning events from any thread.
    /// A keep-alive client connection idle for `idleParkingDelay` leaves its
    /// channel until it sends again (see `IdleParking`); nil keeps every connection in its channel.
    public init(plan: RuntimePlan, group: EventLoopGroup, idleParkingDelay: TimeAmount? = .milliseconds(100),
                events: @escaping EngineEventSink) {
        self.engine = EngineContext(plan: plan, events: events, idleParkingDelay: idleParkingDelay)
        self.group = group
    }

    /// Idle keep-alive connections parked outside their channels now (see `IdleParking`).
    public var parkedConnections: Int { engine.parking?.count ?? 0 }

    /// Binds every listener and starts the health checks; returns the bound addresses.
    @discardableResult
    public func start() async throws -> [String] {
        for feature in engine.plan.unsupported {
            engine.events(.warning("\(feature.source): '\(feature.directive)' is not run by the engine yet (\(feature.feature))"))
        }
        var bound: [String] = []
        for frontend in engine.plan.frontends {
            for address in frontend.binds {
                if address.tls {
                    engine.events(.warning("frontend \(frontend.name): TLS is not terminated yet, \(address) is not opened"))
                    continue
                }
                let channel: Channel
                do {
                    channel = try await ListenerSocket.open(address, with: bootstrap(frontend))
                } catch {
                    throw StartError(description: EngineErrorText.bindFailure(frontend: frontend.name, address: "\(address)", error))
                }
                engine.connections.addListener(channel, frontend: frontend.name)
                let text = ListenerSocket.describe(channel, address)
                bound.append(text)
                engine.events(.listening(frontend: frontend.name, address: text))
            }
        }
        HealthChecker(engine: engine, group: group).start()
        engine.parking?.start()
        return bound
    }

    /// Stops accepting connections and waits (up to `graceMs`) for the
    /// requests in flight to finish.
    public func stop(graceMs: Int = 10_000) async {
        engine.events(.stopping)
        for closing in engine.connections.drain() { try? await closing.get() }
        engine.parking?.stop()
        var waited = 0
        while engine.connections.openCount > 0, waited < graceMs {
            try? await Task.sleep(nanoseconds: 20_000_000)
            waited += 20
        }
        engine.events(.stopped)
    }

    private func bootstrap(_ frontend: FrontendPlan) -> ServerBootstrap {
        let engine = self.engine
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // TCP mode forwards a client's shutdown(SHUT_WR) to the server, as HAProxy does.
            .childChannelOption(.allowRemoteHalfClosure, value: frontend.mode == .tcp)
            .childChannelOption(.recvAllocator, value: ClientChannelSetup.receiveAllocator)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try ClientChannelSetup.configure(channel, engine: engine, frontend: frontend, resumed: false)
                }
            }
    }
}
