import RuntimePlan

/// HAProxy's health counter of one server's checks (src/check.c
/// `set_server_check_status`): from 0 to `rise + fall - 1`, UP from `rise`.
/// A server starts UP at `rise`, so its first failure takes it DOWN; a pass
/// moves the counter up (to the top once it reaches `rise`), a failure
/// moves it down (to 0 once it drops under `rise`). Only its own event loop
/// touches it.
final class HealthTracker: @unchecked Sendable {
    /// What one check result did to the server's state.
    enum Change { case wentDown, cameUp, unchanged }

    let backend: Int
    let server: Int
    let timing: ServerCheckPlan
    private(set) var health: Int

    init(backend: Int, server: Int, timing: ServerCheckPlan) {
        self.backend = backend
        self.server = server
        self.timing = timing
        health = timing.rise
    }

    var up: Bool { health >= timing.rise }

    private var top: Int { timing.rise + timing.fall - 1 }

    /// Applies one result: the change of state, and whether the counter moved (HAProxy then reports the check).
    func apply(passed: Bool) -> (change: Change, moved: Bool) {
        let wasUp = up
        var moved = false
        if passed, health < top {
            moved = true
            health = health + 1 >= timing.rise ? top : health + 1
        } else if !passed, health > 0 {
            moved = true
            health = health - 1 < timing.rise ? 0 : health - 1
        }
        guard wasUp != up else { return (.unchanged, moved) }
        return (up ? .cameUp : .wentDown, moved)
    }

    /// `inter` at the top, `downinter` at 0 while DOWN, `fastinter` in between (src/check.c `srv_getinter`).
    var nextDelayMs: Int {
        if health == top { return timing.interMs }
        return health == 0 ? timing.downinterMs : timing.fastinterMs
    }

    /// `option log-health-checks`: `Health check for server app/app02 failed, reason: …, check duration: 0ms, status: 0/2 DOWN.`
    func report(backend plan: BackendPlan, passed: Bool, reason: String, durationMs: Int, weight: Int) -> String {
        let server = plan.servers[self.server]
        let outcome = passed ? "succeeded" : "failed"
        let status = up ? "\(health - timing.rise + 1)/\(timing.fall) \(weight == 0 ? "DRAIN" : "UP")" : "\(health)/\(timing.rise) DOWN"
        return "Health check for \(server.backup ? "backup " : "")server \(plan.name)/\(server.name) \(outcome), reason: \(reason), "
            + "check duration: \(durationMs)ms, status: \(status)."
    }
}
