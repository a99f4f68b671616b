import NIOCore
import RuntimePlan

/// HAProxy's messages when a health check changes a server's state (src/server.c
/// `srv_append_status`, src/backend.c), with their levels: DOWN is `alert`,
/// UP is `notice`, a backend left without servers is `emerg`. Sent to the
/// backend's log targets.
enum ServerStateMessages {
    /// `Server app/app02 is DOWN, reason: …, check duration: 0ms. 1 active and 0 backup servers left. …`
    /// Without a reason (nil) when `option log-health-checks` already logged the check, as HAProxy leaves it out then.
    static func down(backend: String, server: String, reason: String?, durationMs: Int, active: Int, backup: Int) -> String {
        "Server \(backend)/\(server) is DOWN\(checkDetail(reason, durationMs)). "
            + "\(active) active and \(backup) backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue."
    }

    /// `Server app/app02 is UP, reason: Layer4 check passed, check duration: 0ms. 2 active and 0 backup servers online. …`
    static func up(backend: String, server: String, reason: String?, durationMs: Int, active: Int, backup: Int) -> String {
        "Server \(backend)/\(server) is UP\(checkDetail(reason, durationMs)). "
            + "\(active) active and \(backup) backup servers online. 0 sessions requeued, 0 total in queue."
    }

    /// `, reason: …, check duration: 0ms`, or nothing without a reason.
    private static func checkDetail(_ reason: String?, _ durationMs: Int) -> String {
        reason.map { ", reason: \($0), check duration: \(durationMs)ms" } ?? ""
    }

    /// The reason of a passed check: HAProxy's `Layer4 check passed` for a connect check; `Layer7 check
    /// passed` for the others (HAProxy adds the status code and text of an HTTP check, which the probe does not keep).
    static func passReason(_ check: HealthCheckPlan?) -> String {
        check?.kind == .connect ? "Layer4 check passed" : "Layer7 check passed"
    }

    /// `backend app has no server available!`
    static func noServer(backend: String) -> String { "backend \(backend) has no server available!" }

    /// Logs a state change of a server of backend `index` to the backend's targets, if it has any.
    static func log(_ engine: EngineContext, backend index: Int, server: Int, up: Bool, reason: String, durationMs: Int) {
        guard let logger = engine.backendLoggers[index] else { return }
        let state = engine.backends[index]
        let plan = state.plan
        let live = plan.servers.indices.filter { state.isUp($0) && !plan.servers[$0].maintenance }
        let active = live.filter { !plan.servers[$0].backup }.count, backup = live.count - active
        let name = plan.servers[server].name
        let reason: String? = plan.log.healthChecks ? nil : reason
        if up {
            logger.send(Self.up(backend: plan.name, server: name, reason: reason, durationMs: durationMs, active: active, backup: backup),
                        level: LogLevel.notice)
        } else {
            logger.send(Self.down(backend: plan.name, server: name, reason: reason, durationMs: durationMs, active: active, backup: backup),
                        level: LogLevel.alert)
            if live.isEmpty { logger.send(Self.noServer(backend: plan.name), level: LogLevel.emerg) }
        }
    }
}
