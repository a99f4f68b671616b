import NIOCore
import RuntimePlan

/// `show servers state [<backend>]`: version `1`, HAProxy's header line, one
/// line per server with its numeric states (the layout of `server-state-file`).
struct ServerStateDump {
    let engine: EngineContext

    static let header = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
        + "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state "
        + "bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr "
        + "srv_agent_addr srv_agent_port\n"

    /// HAProxy's `HCHK_STATUS_*` numbers of the check statuses the engine reports.
    static let checkStatusNumbers = ["L4OK": 6, "L4TOUT": 7, "L4CON": 8, "L7TOUT": 12, "L7RSP": 13, "L7OK": 15, "L7OKC": 16, "L7STS": 17]

    func text(backend name: String?) -> String {
        let sections = ProxySections(plan: engine.plan).all
        if let name, !engine.plan.backends.contains(where: { $0.name == name }) {
            return "Can't find backend.\n"
        }
        var text = "1\n" + Self.header
        let now = NIODeadline.now()
        for section in sections {
            guard let index = section.backend, name == nil || engine.plan.backends[index].name == name else { continue }
            let plan = engine.plan.backends[index]
            for (position, snapshot) in engine.backends[index].snapshot().enumerated() {
                text += line(plan, position, section.id, snapshot, now) + "\n"
            }
        }
        return text
    }

    private func line(_ plan: BackendPlan, _ position: Int, _ id: Int, _ snapshot: ServerSnapshot, _ now: NIODeadline) -> String {
        let server = plan.servers[position], runtime = snapshot.runtime
        let (host, port): (String, String) = switch runtime.address ?? server.address {
        case .inet(let host, let port): (host, "\(port)")
        case .inetClientPort(let host, _): (host, "0")
        default: ("\(runtime.address ?? server.address)", "0")
        }
        let running = snapshot.up && !runtime.maintenance
        // srv_admin_state: FMAINT 0x01, CMAINT 0x04 (`disabled` in the config), FDRAIN 0x08.
        var admin = runtime.maintenance ? 0x01 : 0
        if runtime.maintenance, server.maintenance { admin |= 0x04 }
        if runtime.draining { admin |= 0x08 }
        let checked = runtime.checked
        let status = checked ? (runtime.checkStatus.flatMap { Self.checkStatusNumbers[$0] } ?? 1) : 1
        // check_result: 3 passed, 4 passed conditionally (`disable-on-404`), 2 failed.
        let result = checked ? (runtime.checkStatus == nil ? 0 : runtime.checkStatus == "L7OKC" ? 4 : snapshot.up ? 3 : 2) : 0
        let rise = server.check?.rise ?? 2, fall = server.check?.fall ?? 3
        let health = runtime.maintenance && !checked ? 0 : checked ? (snapshot.up ? rise + fall - 1 : 0) : rise
        // srv_check_state: CONFIGURED 0x02, ENABLED 0x04, PAUSED 0x08.
        var checkState = checked ? 0x02 | (runtime.checksEnabled ? 0x04 : 0) : 0
        if runtime.maintenance { checkState |= 0x08 }
        let fields: [String] = [
            "\(id)", plan.name, "\(position + 1)", server.name, host, running ? (snapshot.stopping ? "3" : "2") : "0", "\(admin)", "\(runtime.weight)",
            "\(runtime.initialWeight)", "\((now - runtime.lastChange).nanoseconds / 1_000_000_000)", "\(status)", "\(result)",
            "\(health)", "\(checkState)", "0", "0", "0", "-", port, "-", "0", "\(server.check?.port ?? 0)", "-", "-", "0",
        ]
        return fields.joined(separator: " ")
    }
}
