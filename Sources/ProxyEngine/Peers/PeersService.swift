import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import RuntimePlan

/// One `peers` section at run time: the listener of the local peer, a
/// connection to every other peer, the sessions and what each peer has
/// acknowledged (src/peers.c `process_peer_sync`). Everything runs on one
/// event loop; the stick tables it shares are the engine's, behind their locks.
final class PeersService: @unchecked Sendable {
    /// How often sessions push changes and check their timers (HAProxy wakes on each change; 100 ms bounds the delay).
    static let flushInterval = TimeAmount.milliseconds(100)
    /// A heartbeat after this much silence (PEER_HEARTBEAT_TIMEOUT).
    static let heartbeatInterval = TimeAmount.seconds(3)
    /// A session that received nothing for this long ends (PEER_RECONNECT_TIMEOUT); also the delay before reconnecting.
    static let silenceLimit = TimeAmount.seconds(5)
    /// How long a new process waits for a lesson before teaching as up to date (PEER_RESYNC_TIMEOUT).
    static let resyncTimeout = TimeAmount.seconds(5)
    /// The longest message accepted (tune.bufsize).
    static let messageLimit = 16_384
    /// The most updates one table pushes per flush.
    static let pushBatch = 2_000

    /// What is known of one other peer across its sessions; used on the service's loop only.
    final class RemotePeer: @unchecked Sendable {
        let plan: PeersPlan.Peer
        var session: PeerSession?
        /// What `show peers` reports of it.
        var activity = PeerActivity()
        /// The last update of each of our tables the peer acknowledged; a new session pushes from there.
        var acknowledged: [UInt64: UInt32] = [:]
        var reconnect: Scheduled<Void>?

        init(_ plan: PeersPlan.Peer) { self.plan = plan }
    }

    let plan: PeersPlan
    let localName: String
    let tables: [PeerSharedTable]
    let peerNames: Set<String>
    let processID = getpid()
    let loop: EventLoop
    private(set) var remotes: [String: RemotePeer] = [:]
    /// When the section started (the date of `show peers`).
    let startedAt = Date()
    let startedUptime = NIODeadline.now()
    private var listener: Channel?
    private var stopped = false
    /// Whether this process holds every entry its peers hold (a lesson finished, or none came in time).
    private(set) var resynced = false

    init(plan: PeersPlan, localName: String, tables: StickTableSet, loop: EventLoop) {
        self.plan = plan
        self.localName = localName
        self.loop = loop
        var shared: [PeerSharedTable] = []
        let sectionPrefix = plan.name + "/"
        let own = tables.all.filter { $0.plan.peers == plan.name }
        // HAProxy numbers the section's own tables first, then the proxies' ones, each group last declared
        // first (src/cfgparse.c walks lists it built by prepending); `show peers` shows these ids.
        let numbered = own.filter { $0.plan.name.hasPrefix(sectionPrefix) }.reversed()
            + own.filter { !$0.plan.name.hasPrefix(sectionPrefix) }.reversed()
        for table in numbered {
            let name = table.plan.name
            let wireName = name.hasPrefix(sectionPrefix) ? String(name.dropFirst(plan.name.count)) : name
            shared.append(PeerSharedTable(table: table, localID: UInt64(shared.count + 1), wireName: wireName))
        }
        self.tables = shared
        self.peerNames = Set(plan.peers.map(\.name))
        for peer in plan.peers where peer.name != localName { remotes[peer.name] = RemotePeer(peer) }
    }

    /// The peers sections this process takes part in: not disabled, and naming the local peer.
    static func services(_ plan: RuntimePlan, tables: StickTableSet, group: EventLoopGroup) -> [PeersService] {
        (plan.peers ?? []).compactMap { section in
            let local = section.localPeer ?? hostName
            guard !section.disabled, section.peers.contains(where: { $0.name == local }) else { return nil }
            return PeersService(plan: section, localName: local, tables: tables, loop: group.next())
        }
    }

    /// The host name, HAProxy's local peer name without `-L` or `localpeer`.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Starting and stopping

    /// Binds the local peer's address and connects to every other peer. With `learnFromOldProcess`
    /// (a reload), it first takes the old process's whole tables over the local peer, as HAProxy's new
    /// process does: it connects to its own address (still the old process's), asks for a resync and
    /// waits for the lesson to end (at most 5 s), and only then binds.
    func start(learnFromOldProcess: Bool = false) async throws -> Channel? {
        if learnFromOldProcess, let endpoint = plan.listenEndpoint(local: localName) {
            await learnLocally(from: endpoint)
        }
        if let endpoint = plan.listenEndpoint(local: localName) {
            let bootstrap = ServerBootstrap(group: loop)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.socketOption(ListenerSocket.reusePort), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { [self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(PeerSession(service: self, role: .incoming))
                    }
                }
            listener = try await ListenerSocket.open(ListenAddress(endpoint: endpoint), with: bootstrap)
        }
        loop.execute { [self] in
            for remote in remotes.values { connect(remote) }
            loop.scheduleTask(in: Self.resyncTimeout) { [self] in resynced = true }
        }
        return listener
    }

    /// Closes the listener and every session; no reconnection follows.
    func stop() async {
        try? await listener?.close()
        try? await loop.submit { [self] in
            stopped = true
            for remote in remotes.values {
                remote.reconnect?.cancel()
                remote.session?.close()
            }
        }.get()
    }

    /// The lesson from the old process, while one is awaited.
    private var localLesson: (session: PeerSession, done: EventLoopPromise<Void>)?

    private func learnLocally(from endpoint: SocketEndpoint) async {
        let done = loop.makePromise(of: Void.self)
        loop.execute { [self] in
            let session = PeerSession(service: self, role: .outgoing(peer: localName))
            localLesson = (session, done)
            ClientBootstrap(group: loop)
                .connectTimeout(.seconds(1))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(session) }
                }
                .connect(to: endpoint, on: loop)
                .whenFailure { [self] _ in loop.execute { [self] in endLesson() } }
            loop.scheduleTask(in: Self.resyncTimeout) { [self] in endLesson() }
        }
        try? await done.futureResult.get()
    }

    /// The lesson from the old process is over (ended, failed or timed out): its session closes, the start goes on.
    private func endLesson() {
        guard let lesson = localLesson else { return }
        localLesson = nil
        lesson.session.close()
        lesson.done.succeed(())
    }

    /// A lesson ended (finished or partial) on `session`; the one from the old process lets the start go on.
    func lessonEnded(_ session: PeerSession) {
        if localLesson?.session === session { endLesson() }
    }

    // MARK: Sessions (on the loop)

    private func connect(_ remote: RemotePeer) {
        guard !stopped, remote.session == nil, let endpoint = remote.plan.endpoint else { return }
        let session = PeerSession(service: self, role: .outgoing(peer: remote.plan.name))
        remote.session = session
        remote.activity.connecting(.now())
        ClientBootstrap(group: loop)
            .connectTimeout(.seconds(5))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(session) }
            }
            .connect(to: endpoint, on: loop)
            .whenFailure { [self] _ in
                loop.execute { [self] in
                    guard remote.session === session else { return }
                    remote.session = nil
                    scheduleReconnect(remote, after: Self.silenceLimit)
                }
            }
    }

    private func scheduleReconnect(_ remote: RemotePeer, after delay: TimeAmount) {
        remote.reconnect?.cancel()
        guard !stopped else { return }
        remote.reconnect = loop.scheduleTask(in: delay) { [self] in connect(remote) }
        remote.activity.reconnect = .now() + delay
    }

    /// The peers' updates applied to each of our tables, by table id (`show peers` adds them to the local ones).
    private(set) var remoteUpdates: [UInt64: UInt32] = [:]

    func countRemoteUpdate(_ table: UInt64) {
        remoteUpdates[table, default: 0] &+= 1
    }

    /// Changes what `show peers` reports of a peer (on the loop).
    func noteActivity(_ peer: String, _ change: (inout PeerActivity) -> Void) {
        guard let remote = remotes[peer] else { return }
        change(&remote.activity)
    }

    /// A session passed its handshake: it replaces any other session with the peer; returns where its pushes start.
    func establish(_ session: PeerSession, peer: String) -> [UInt64: UInt32] {
        guard let remote = remotes[peer] else { return [:] }
        if let old = remote.session, old !== session {
            // HAProxy keeps the newest session with a peer; the older one closes.
            remote.session = nil
            remote.activity.collisions += 1
            old.close()
        }
        remote.reconnect?.cancel()
        remote.session = session
        return remote.acknowledged
    }

    func sessionEnded(_ session: PeerSession, wasEstablished: Bool) {
        lessonEnded(session)
        guard let peer = session.peerName, let remote = remotes[peer], remote.session === session else { return }
        remote.session = nil
        // A connection that a newer one replaced on the other side retries soon, at a random moment (as HAProxy).
        let delay = wasEstablished ? TimeAmount.milliseconds(Int64.random(in: 50...2050)) : Self.silenceLimit
        scheduleReconnect(remote, after: delay)
    }

    func acknowledged(peer: String, table: UInt64, update: UInt32) {
        guard let remote = remotes[peer] else { return }
        remote.acknowledged[table] = max(remote.acknowledged[table] ?? 0, update)
    }

    /// A peer finished its lesson: this process is up to date.
    func learned(from session: PeerSession) {
        resynced = true
    }
}
