import NIOCore
import RuntimePlan

extension PeersService {
    /// This section's part of `show peers`, built on the service's loop.
    func dump(dictionaries: Bool) -> EventLoopFuture<String> {
        loop.submit { [self] in
            let now = NIODeadline.now()
            let resync = resynced ? "<PAST>" : PeersDump.deadline(startedUptime + Self.resyncTimeout, now: now)
            var text = "\(PeersDump.pointer(self)): \(PeersDump.date(startedAt)) id=\(plan.name) disabled=0 flags=0x0 "
                + "resync_timeout=\(resync) task_calls=0\n"
            // HAProxy lists a section's peers last declared first.
            for peer in plan.peers.reversed() {
                text += describe(peer, now: now, dictionaries: dictionaries)
            }
            return text
        }
    }

    private func describe(_ peer: PeersPlan.Peer, now: NIODeadline, dictionaries: Bool) -> String {
        let remote = remotes[peer.name]
        let activity = remote?.activity ?? PeerActivity()
        let report = remote?.session?.report()
        let identity = remote.map { $0 as AnyObject } ?? self
        var address = "-:0"
        if case .inet(let host, let port)? = peer.endpoint { address = "\(host):\(port)" }
        var text = "  \(PeersDump.pointer(identity)): id=\(peer.name)(\(remote == nil ? "local" : "remote"),"
            + "\(report == nil ? "inactive" : "active")) addr=\(address) last_status=\(activity.statusName)"
            + " last_hdshk=\(PeersDump.since(activity.lastHandshake, now: now))\n"
        text += "        reconnect=\(PeersDump.deadline(activity.reconnect, now: now))"
            + " heartbeat=\(PeersDump.deadline(activity.heartbeat, now: now)) confirm=0"
            + " tx_hbt=\(activity.transmittedHeartbeats) rx_hbt=\(activity.receivedHeartbeats) no_hbt=\(activity.missedHeartbeats)"
            + " new_conn=\(activity.newConnections) proto_err=\(activity.protocolErrors) coll=\(activity.collisions)\n"
        text += "        flags=0x0"
        if let report, let session = remote?.session {
            text += " appctx:\(PeersDump.pointer(session)) st0=\(report.stage) st1=0 task_calls=0 state=\(report.connected ? "EST" : "CON")"
            // HAProxy shows the connection of a session the peer opened (ours come from an applet).
            if report.incoming, let source = report.remote, let local = report.local {
                text += "\n        xprt=RAW src=\(Self.hostPort(source)) addr=\(Self.hostPort(local))"
            }
        }
        for (label, id) in [("remote_table", report?.remoteTable), ("last_local_table", report?.lastLocalTable)] {
            guard let id, let shared = tables.first(where: { $0.localID == id }) else { continue }
            text += "\n        \(label):\(PeersDump.pointer(shared.table)) id=\(shared.table.plan.name) local_id=\(id)"
                + " remote_id=\(report?.tables[id]?.remoteID ?? 0)"
        }
        text += "\n        shared tables:"
        // Newest first, as HAProxy links them.
        for shared in tables.reversed() {
            let state = report?.tables[shared.localID]
            // `last_acked`: the peer's last update we acknowledged; `update`: the last of ours it acknowledged.
            let acknowledged = remote?.acknowledged[shared.localID] ?? 0
            text += "\n          \(PeersDump.pointer(shared.table)) local_id=\(shared.localID) remote_id=\(state?.remoteID ?? 0)"
                + " flags=0x0 remote_data=0x\(String(state?.remoteData ?? 0, radix: 16))"
            text += "\n              last_acked=\(state?.received ?? 0) last_pushed=\(state?.pushed ?? 0) last_get=\(state?.received ?? 0)"
                + " teaching_origin=0 update=\(state == nil ? 0 : acknowledged)"
            let local = shared.table.latestUpdateID
            text += "\n              table:\(PeersDump.pointer(shared.table)) id=\(shared.table.plan.name)"
                + " update=\(local &+ (remoteUpdates[shared.localID] ?? 0)) localupdate=\(local) commitupdate=\(state?.pushed ?? 0) refcnt=1"
            text += dictionaries ? "\n        TX dictionary cache:\n        RX dictionary cache:" + PeersDump.emptyReceiveCache
                : "\n        Dictionary cache not dumped (use \"show peers dict\")"
        }
        return text + "\n"
    }

    private static func hostPort(_ address: SocketAddress) -> String {
        "\(address.ipAddress ?? "-"):\(address.port ?? 0)"
    }
}
