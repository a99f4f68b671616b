import Foundation
import RuntimePlan

/// The stats page's admin form as HAProxy's `stats_process_http_post`
/// reads it: `s=<server>` (repeatable), `action=<act>` and `b=<backend>`
/// (`#id` or a name), url-encoded, read from the end so the last `b` and
/// `action` win; gives the `;st=` result code.
struct StatsAdminForm {
    let engine: EngineContext

    /// The actions the engine applies, by the form's value.
    static let actions: [String: ServerAdminAction] = [
        "ready": .ready, "drain": .drain, "maint": .maint, "dhlth": .disableChecks, "ehlth": .enableChecks,
        "enable": .ready, "disable": .maint, "start": .ready, "stop": .drain,
    ]

    /// Applies the form; `DONE`, `PART`, `NONE` or `ERRP`.
    func apply(_ body: String) -> String {
        var servers: [String] = [], action: String?, backendName: String?
        for pair in body.split(separator: "&").reversed() {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])
            switch parts[0] {
            case "s": servers.insert(value, at: 0)
            case "action": action = action ?? value
            case "b": backendName = backendName ?? value
            default: continue
            }
        }
        guard let action, let change = Self.actions[action], let backendName else { return "ERRP" }
        let sections = ProxySections(plan: engine.plan).all
        let backend = backendName.hasPrefix("#")
            ? sections.first { "#\($0.id)" == backendName }?.backend
            : engine.plan.backends.firstIndex { $0.name == backendName }
        guard let backend else { return "ERRP" }
        guard !servers.isEmpty else { return "NONE" }
        var changed = 0
        for name in servers {
            guard let index = engine.plan.backends[backend].servers.firstIndex(where: { $0.name == name }) else { continue }
            let checked = engine.plan.backends[backend].servers[index].check != nil
            if case .enableChecks = change, !checked { continue }
            if case .disableChecks = change, !checked { continue }
            engine.backends[backend].apply(change, to: index)
            changed += 1
        }
        if changed == 0 { return "ERRP" }
        return changed == servers.count ? "DONE" : "PART"
    }
}
