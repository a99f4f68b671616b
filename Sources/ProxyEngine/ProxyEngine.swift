import NIOConcurrencyHelpers
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
    /// The runtime API's listeners (`stats socket`), closed when the engine stops.
    let runtimeListeners = NIOLockedValueBox<[Channel]>([])
    /// The `peers` sections this process takes part in.
    let peers: [PeersService]
    /// The listeners a new process may take over a `stats socket … expose-fd listeners` (`_getsocks`).
    private let export = ListenerExport()

    /// `events` receives listener, server-state and warning events from any thread.
    /// A keep-alive client connection idle for `idleParkingDelay` leaves its
    /// channel until it sends again (see `IdleParking`); nil keeps every connection in its channel.
    public init(plan: RuntimePlan, group: EventLoopGroup, idleParkingDelay: TimeAmount? = .milliseconds(100),
                events: @escaping EngineEventSink) {
        self.engine = EngineContext(plan: plan, events: events, idleParkingDelay: idleParkingDelay,
                                    loops: Array(group.makeIterator()))
        self.group = group
        self.peers = PeersService.services(plan, tables: engine.stickTables, group: group)
    }

    /// Idle keep-alive connections parked outside their channels now (see `IdleParking`).
    public var parkedConnections: Int { engine.parking?.count ?? 0 }

    /// Binds every listener and starts the health checks; returns the bound addresses.
    /// `replacing`: the processes whose listeners this one joins in a reload (`-sf`);
    /// new connections then go to this process's listeners only. `received`: the sockets taken from
    /// the old process (`-x`); a bind whose address is among them reuses that socket, the rest are closed.
    @discardableResult
    public func start(replacing oldProcesses: Int = 0, received: ReceivedListeners? = nil) async throws -> [String] {
        defer { received?.closeUnused() }
        for feature in engine.plan.unsupported {
            engine.events(.warning("\(feature.source): '\(feature.directive)' is not run by the engine yet (\(feature.feature))"))
        }
        if let failure = engine.serverTLS.failures.first { throw StartError(description: failure) }
        var bound: [String] = []
        // As HAProxy: every listener is bound before any accepts, so a connection already queued on an
        // inherited socket does not reach a frontend whose servers are listeners not bound yet.
        var accepting: [Channel] = []
        for frontend in engine.plan.frontends {
            for address in frontend.binds {
                let tls: BindTLSContexts?
                do {
                    tls = try address.tls.map { try BindTLSContexts($0) }
                } catch {
                    throw StartError(description: "frontend \(frontend.name): bind \(address): \(error)")
                }
                let reused = received?.sockets.contains { ReceivedListeners.matches($0, address.endpoint) } ?? false
                let channel: Channel
                do {
                    channel = try await ListenerSocket.open(address, with: bootstrap(frontend, address, tls: tls), received: received)
                } catch {
                    throw StartError(description: EngineErrorText.bindFailure(frontend: frontend.name, address: "\(address)", error))
                }
                // A socket taken from the old process keeps its queue: nothing to steer.
                if oldProcesses > 0, !reused, case .inet = address.endpoint, engine.plan.global.process?.noReusePort != true {
                    try? await ReusePortSteering.steer(channel, toIndex: oldProcesses)
                }
                // As HAProxy: what this process bound (or took) a later one may take; not what it inherited (fd@N).
                if case .inherited = address.endpoint {} else { export.add(channel) }
                engine.connections.addListener(channel, frontend: frontend.name)
                accepting.append(channel)
                let text = ListenerSocket.describe(channel, address)
                bound.append(text)
                engine.events(.listening(frontend: frontend.name, address: text))
            }
        }
        for channel in accepting { try await channel.setOption(.autoRead, value: true).get() }
        let admission = CLIAdmission(limit: engine.plan.global.statsMaxConnections)
        for socket in engine.plan.global.statsSockets ?? [] {
            do {
                let channel = try await RuntimeSocket.open(socket, engine: engine, group: group, admission: admission, export: export,
                                                         received: received, peers: peers)
                runtimeListeners.withLockedValue { $0.append(channel) }
                if case .unix = socket.listen.endpoint { export.add(channel) }
                bound.append(ListenerSocket.describe(channel, socket.listen))
            } catch {
                throw StartError(description: EngineErrorText.bindFailure(frontend: "GLOBAL", address: "\(socket.listen)", error))
            }
        }
        try await startPeers(&bound, replacing: oldProcesses)
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
        for listener in runtimeListeners.withLockedValue({ $0 }) { try? await listener.close() }
        for service in peers { await service.stop() }
        var waited = 0
        while engine.connections.openCount > 0, waited < graceMs {
            try? await Task.sleep(nanoseconds: 20_000_000)
            waited += 20
        }
        engine.events(.stopped)
    }

    /// SO_REUSEPORT and TCP_NODELAY go on IP listeners only: Linux refuses both on Unix sockets.
    private func bootstrap(_ frontend: FrontendPlan, _ address: ListenAddress, tls: BindTLSContexts?) -> ServerBootstrap {
        let engine = self.engine
        // Resolved once per listener: its connections look nothing up by name.
        let shared = engine.frontendContext(frontend)
        let statsIndex = shared.statsIndex
        var bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(clamping: frontend.listenBacklog(address, globalMaxconn: engine.plan.global.maxconn)))
            .serverChannelOption(.autoRead, value: false)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // TCP mode forwards a client's shutdown(SHUT_WR) to the server, as HAProxy does.
            .childChannelOption(.allowRemoteHalfClosure, value: frontend.mode == .tcp)
            .childChannelOption(.recvAllocator, value: ClientChannelSetup.receiveAllocator)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    engine.statistics.shard(for: channel.eventLoop).countSession(frontend: statsIndex)
                    try ClientChannelSetup.configure(channel, engine: engine, shared: shared, resumed: false, tls: tls,
                                                     proto: address.proto)
                }
            }
        guard ListenerSocket.isIP(address) else { return bootstrap }
        bootstrap = bootstrap.childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
        // As HAProxy on Linux: a new process can bind beside the old one during a reload (-sf).
        if engine.plan.global.process?.noReusePort != true {
            bootstrap = bootstrap.serverChannelOption(.socketOption(ListenerSocket.reusePort), value: 1)
        }
        return bootstrap
    }
}
