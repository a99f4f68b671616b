import NIOCore

/// One peers session, incoming or outgoing, on the peers service's event
/// loop: the handshake, then table definitions, updates, acknowledgements,
/// the full-resync lesson and heartbeats (src/peers.c `peer_io_handler`).
/// Confined to the service's loop (hence unchecked Sendable): the service
/// makes it there and every event reaches it there.
final class PeerSession: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Which side opened the connection.
    enum Role {
        /// We connected to `peer` and wait for its status line.
        case outgoing(peer: String)
        /// A peer connected to us; its name is known once its hello is read.
        case incoming
    }

    private enum State {
        case awaitingStatus, awaitingHello, established, closed
    }

    let service: PeersService
    private let role: Role
    private var state: State
    private(set) var peerName: String?
    private var context: ChannelHandlerContext?
    private var inbound = ByteBuffer()
    /// The last local update id pushed, by our table id.
    private var pushed: [UInt64: UInt32] = [:]
    /// What the peer defined, by its table id, and the table its updates go to now.
    private var remoteTables: [UInt64: PeerRemoteTable] = [:]
    private var currentRemote: UInt64?
    /// Our table of the last message that named one (a push or an acknowledgement), for `show peers`.
    private var lastLocalTable: UInt64?
    private var sendDictionary = PeerDictionary()
    private var receiveDictionary = PeerDictionary()
    private var lastReceived = NIODeadline.now()
    private var lastSent = NIODeadline.now()
    private var timer: RepeatedTask?
    /// A lesson (full resync) is under way: acknowledgements are ignored meanwhile.
    private var teaching = false
    private var closeRequested = false
    /// The tables still to teach, while a lesson goes out.
    private var lesson: [Lesson] = []

    init(service: PeersService, role: Role) {
        self.service = service
        self.role = role
        switch role {
        case .outgoing(let peer):
            state = .awaitingStatus
            peerName = peer
        case .incoming:
            state = .awaitingHello
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        guard !closeRequested else {
            context.close(promise: nil)
            return
        }
        if case .outgoing(let peer) = role {
            send(PeerHandshake.hello(to: peer, from: service.localName, pid: service.processID))
        }
        // The handshake and the session both end after 5 s of silence (PEER_RECONNECT_TIMEOUT).
        timer = context.eventLoop.scheduleRepeatedTask(initialDelay: PeersService.flushInterval,
                                                       delay: PeersService.flushInterval) { [weak self] _ in self?.tick() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        let wasEstablished = state == .established
        state = .closed
        service.sessionEnded(self, wasEstablished: wasEstablished)
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        inbound.writeBuffer(&bytes)
        lastReceived = .now()
        do {
            try process()
        } catch {
            fail()
        }
        if inbound.readableBytes == 0 {
            inbound.clear()
        } else if inbound.readerIndex > PeersService.messageLimit {
            inbound.discardReadBytes()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard state == .established else { return }
        for (id, remote) in remoteTables where remote.unacknowledged {
            var body = ByteBuffer()
            PeerVarint.write(remote.remoteID, to: &body)
            body.writeInteger(remote.lastReceived)
            write(PeerMessage(messageClass: PeerMessage.Class.stickTable, type: PeerMessage.Table.ack, body: body))
            remoteTables[id]?.unacknowledged = false
            if let local = remote.local?.localID { lastLocalTable = local }
        }
        context.flush()
    }

    /// What `show peers` shows of the session.
    func report() -> PeerSessionReport {
        var tables: [UInt64: PeerSessionReport.Table] = [:]
        for shared in service.tables {
            let remote = remoteTables.values.first { $0.local?.localID == shared.localID }
            tables[shared.localID] = PeerSessionReport.Table(remoteID: remote?.remoteID ?? 0, remoteData: remote?.data ?? 0,
                                                             pushed: pushed[shared.localID] ?? 0, received: remote?.lastReceived ?? 0)
        }
        let stage: Int
        switch state {
        case .awaitingHello: stage = 1
        case .awaitingStatus: stage = 6
        case .established: stage = 7
        case .closed: stage = 11
        }
        var incoming = false
        if case .incoming = role { incoming = true }
        return PeerSessionReport(stage: stage, incoming: incoming, connected: context?.channel.isActive ?? false,
                                 local: context?.channel.localAddress, remote: context?.channel.remoteAddress, tables: tables,
                                 remoteTable: currentRemote.flatMap { remoteTables[$0]?.local?.localID }, lastLocalTable: lastLocalTable)
    }

    /// Ends the session (a newer one with the same peer replaced it, or the service stops), at once or once connected.
    func close() {
        closeRequested = true
        context?.close(promise: nil)
    }

    // MARK: Reading

    private func process() throws {
        while state != .closed {
            switch state {
            case .awaitingStatus:
                guard let line = readLine() else {
                    if inbound.readableBytes > Self.helloLimit { close() }
                    return
                }
                if let peerName { service.noteActivity(peerName) { $0.handshake(Int(line) ?? 0, .now()) } }
                guard line == "200" else {
                    // 300, 501…504: the peer refused the session; the reconnection timer tries again.
                    close()
                    return
                }
                establish()
            case .awaitingHello:
                guard let lines = readLines(3) else {
                    // HAProxy reads the hello within one buffer: more without its three lines is a protocol error.
                    if inbound.readableBytes > Self.helloLimit { answerAndClose(.protocolError) }
                    return
                }
                let (status, name) = PeerHandshake.judge(lines, localName: service.localName, knownPeers: service.peerNames)
                if let name { service.noteActivity(name) { $0.handshake(status.rawValue, .now()) } }
                guard status == .success, let name else {
                    answerAndClose(status)
                    return
                }
                send("\(status.rawValue)\n")
                peerName = name
                establish()
            case .established:
                guard let message = try PeerMessage.read(from: &inbound, limit: PeersService.messageLimit) else { return }
                try handle(message)
            case .closed:
                return
            }
        }
    }

    /// The most bytes of a hello (three lines) read before judging it.
    static let helloLimit = 1_024

    private func answerAndClose(_ status: PeerHandshake.Status) {
        send("\(status.rawValue)\n")
        state = .closed
        close()
    }

    private func readLine() -> String? {
        guard let newline = inbound.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = newline - inbound.readerIndex
        let line = inbound.readString(length: length)
        inbound.moveReaderIndex(forwardBy: 1)
        return line
    }

    private func readLines(_ count: Int) -> [String]? {
        let newlines = inbound.readableBytesView.filter { $0 == UInt8(ascii: "\n") }.count
        guard newlines >= count else { return nil }
        return (0..<count).compactMap { _ in readLine() }
    }

    private func establish() {
        state = .established
        guard let peerName else { return }
        pushed = service.establish(self, peer: peerName)
        if !service.resynced { write(.control(PeerMessage.Control.resyncRequest)) }
        pushChanges()
        context?.flush()
    }

    private func handle(_ message: PeerMessage) throws {
        switch message.messageClass {
        case PeerMessage.Class.control:
            switch message.type {
            case PeerMessage.Control.resyncRequest: teach()
            case PeerMessage.Control.resyncFinished:
                service.learned(from: self)
                write(.control(PeerMessage.Control.resyncConfirm))
                service.lessonEnded(self)
            case PeerMessage.Control.resyncPartial:
                write(.control(PeerMessage.Control.resyncConfirm))
                service.lessonEnded(self)
            case PeerMessage.Control.resyncConfirm: teaching = false
            case PeerMessage.Control.heartbeat:
                if let peerName {
                    service.noteActivity(peerName) { activity in
                        activity.receivedHeartbeats += 1
                        activity.reconnect = .now() + PeersService.silenceLimit
                    }
                }
            default: break
            }
        case PeerMessage.Class.stickTable:
            try handleTable(message)
        default:
            // The error class, the reserved class and any other: the session ends.
            throw PeerTableCodec.Malformed()
        }
    }

    private func handleTable(_ message: PeerMessage) throws {
        var body = message.body ?? ByteBuffer()
        switch message.type {
        case PeerMessage.Table.define:
            let remote = try PeerTableCodec.readDefinition(body, tables: service.tables)
            remoteTables[remote.remoteID] = remote
            currentRemote = remote.remoteID
        case PeerMessage.Table.switchTable:
            guard let id = PeerVarint.read(from: &body) else { throw PeerTableCodec.Malformed() }
            currentRemote = id
        case PeerMessage.Table.ack:
            guard let id = PeerVarint.read(from: &body), let update = body.readInteger(as: UInt32.self) else {
                throw PeerTableCodec.Malformed()
            }
            if !teaching, let peerName { service.acknowledged(peer: peerName, table: id, update: update) }
        case PeerMessage.Table.update, PeerMessage.Table.incrementalUpdate, PeerMessage.Table.timedUpdate,
             PeerMessage.Table.incrementalTimedUpdate:
            guard let id = currentRemote, var remote = remoteTables[id] else { throw PeerTableCodec.Malformed() }
            remote.lastReceived = try PeerTableCodec.readUpdate(message, remote: remote, dictionary: &receiveDictionary)
            remote.unacknowledged = true
            if let local = remote.local { service.countRemoteUpdate(local.localID) }
            remoteTables[id] = remote
        default:
            throw PeerTableCodec.Malformed()
        }
    }

    // MARK: Writing

    /// Every flush interval: pushes what changed, sends a heartbeat after 3 s of silence, ends a session quiet for 5 s.
    private func tick() {
        let now = NIODeadline.now()
        if now - lastReceived > PeersService.silenceLimit {
            if state == .established, let peerName { service.noteActivity(peerName) { $0.missedHeartbeats += 1 } }
            close()
            return
        }
        guard state == .established else { return }
        // Live changes wait for the end of a lesson (they follow it, from where it began).
        if lesson.isEmpty { pushChanges() }
        if now - lastSent >= PeersService.heartbeatInterval {
            write(.control(PeerMessage.Control.heartbeat))
            if let peerName {
                service.noteActivity(peerName) { activity in
                    activity.transmittedHeartbeats += 1
                    activity.heartbeat = now + PeersService.heartbeatInterval
                }
            }
        }
        context?.flush()
    }

    /// The lesson of a full resync: every entry of every table as a timed update, then finished or partial.
    /// It goes out `lessonPart` entries at a time, the loop free in between for heartbeats and reads.
    private func teach() {
        teaching = true
        lesson = service.tables.map { shared in
            let (entries, last) = shared.table.lessonEntries()
            return Lesson(shared: shared, entries: entries, next: 0, lastUpdateID: last)
        }
        guard !lesson.isEmpty else {
            write(.control(service.resynced ? PeerMessage.Control.resyncFinished : PeerMessage.Control.resyncPartial))
            context?.flush()
            return
        }
        continueLesson()
    }

    /// What remains to teach of one table.
    private struct Lesson {
        let shared: PeerSharedTable
        let entries: [StickEntry]
        var next: Int
        let lastUpdateID: UInt32
    }

    private static let lessonPart = 1_000

    private func continueLesson() {
        guard state == .established, var part = lesson.first else { return }
        var dictionary = sendDictionary
        var buffer = ByteBuffer()
        let shared = part.shared
        if part.next == 0 { PeerTableCodec.definition(shared).write(to: &buffer) }
        let end = min(part.next + Self.lessonPart, part.entries.count)
        shared.table.withEntries(part.entries[part.next..<end]) { entry, now in
            let remaining = entry.expiresAt.map { UInt32(clamping: max($0 - now, 0)) } ?? 0
            PeerTableCodec.update(entry, id: max(entry.updateID, 1), now: now, expiresIn: remaining, shared: shared,
                                  dictionary: &dictionary).write(to: &buffer)
        }
        sendDictionary = dictionary
        part.next = end
        context?.write(wrapOutboundOut(buffer), promise: nil)
        lastSent = .now()
        if part.next >= part.entries.count {
            lesson.removeFirst()
            pushed[shared.localID] = max(pushed[shared.localID] ?? 0, part.lastUpdateID)
        } else {
            lesson[0] = part
        }
        if lesson.isEmpty {
            write(.control(service.resynced ? PeerMessage.Control.resyncFinished : PeerMessage.Control.resyncPartial))
        }
        context?.flush()
        // The next part after a millisecond's timer: the loop reads and writes in between (a task queued at once
        // would run before any I/O, and the session would look silent).
        guard !lesson.isEmpty, let loop = context?.eventLoop else { return }
        loop.scheduleTask(in: .milliseconds(1)) { [weak self] in self?.continueLesson() }
    }

    /// Sends the local changes the peer has not been sent, each table's batch after its definition.
    private func pushChanges() {
        var dictionary = sendDictionary
        for shared in service.tables {
            let from = pushed[shared.localID] ?? 0
            let latest = shared.table.latestUpdateID
            guard latest != from else { continue }
            var buffer = ByteBuffer()
            PeerTableCodec.definition(shared).write(to: &buffer)
            var count = 0
            let last = shared.table.forEachLocalChange(after: from, limit: PeersService.pushBatch) { entry, now in
                PeerTableCodec.update(entry, id: entry.updateID, now: now, expiresIn: nil, shared: shared,
                                      dictionary: &dictionary).write(to: &buffer)
                count += 1
            }
            // The changed entries may all be gone since: nothing to send up to the latest id.
            pushed[shared.localID] = count == 0 ? latest : last
            guard count > 0 else { continue }
            lastLocalTable = shared.localID
            context?.write(wrapOutboundOut(buffer), promise: nil)
            lastSent = .now()
        }
        sendDictionary = dictionary
    }

    private func write(_ message: PeerMessage) {
        var buffer = ByteBuffer()
        message.write(to: &buffer)
        context?.write(wrapOutboundOut(buffer), promise: nil)
        lastSent = .now()
    }

    private func send(_ text: String) {
        context?.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
        lastSent = .now()
    }

    /// A protocol error: HAProxy's error message (class 1, type 0), then the end.
    private func fail() {
        if let peerName { service.noteActivity(peerName) { $0.protocolErrors += 1 } }
        if state == .established { write(PeerMessage(messageClass: PeerMessage.Class.error, type: 0, body: nil)) }
        context?.flush()
        close()
    }
}
