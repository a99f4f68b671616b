import NIOCore
import RuntimePlan

/// The rows of `show stat` (and the stats page's CSV), built from one
/// reading of the counters and the servers' states: FRONTEND, the servers
/// and BACKEND of each proxy in configuration order, with HAProxy 2.6.12's
/// columns (`StatField`).
struct StatsReport {
    /// One row: its kind and its values by column (a missing column is printed empty).
    struct Row {
        enum Kind: String { case frontend = "F", backend = "B", server = "S" }
        var kind: Kind
        var proxyID: Int
        var serverID: Int
        var values: StatValues
    }

    let rows: [Row]

    /// `show stat [typed] [up|no-maint]`: the rows of one reading. `types` is HAProxy's mask (1 frontends, 2 backends, 4 servers).
    init(engine: EngineContext, totals: CounterTotals, servers: [[ServerSnapshot]], proxy: String? = nil, types: Int = 7,
         skipDown: Bool = false, skipMaintenance: Bool = false) {
        let now = NIODeadline.now()
        var rows: [Row] = []
        for section in ProxySections(plan: engine.plan).all where proxy == nil || section.name == proxy || "\(section.id)" == proxy {
            if let index = section.frontend, types & 1 != 0 {
                rows.append(Self.frontendRow(engine, index, section.id, totals.frontends[index]))
            }
            guard let index = section.backend else { continue }
            let plan = engine.plan.backends[index]
            if types & 4 != 0 {
                for (position, server) in plan.servers.enumerated() {
                    let snapshot = servers[index][position]
                    if skipMaintenance, snapshot.runtime.maintenance { continue }
                    if skipDown, snapshot.runtime.maintenance || !snapshot.up { continue }
                    rows.append(Self.serverRow(plan, server, position, section.id, snapshot, totals.servers[index][position], now))
                }
            }
            if types & 2 != 0 {
                rows.append(Self.backendRow(engine, index, section.id, servers[index], totals.backends[index], now))
            }
        }
        self.rows = rows
    }

    /// The header line of the CSV, as haproxy 2.6.12 prints it.
    static var csvHeader: String {
        let names = StatField.columns.map(\.name)
        return "# " + (names[..<StatField.staticCount] + ["-"] + names[StatField.staticCount...]).joined(separator: ",") + ",\n"
    }

    /// The CSV: the header, then one line per row, each ending with `,`.
    var csv: String {
        var text = Self.csvHeader
        for row in rows {
            for index in 0..<StatField.columns.count {
                if index == StatField.staticCount { text += "-," }
                if let value = row.values[index] { text += value }
                text += ","
            }
            text += "\n"
        }
        return text
    }

    /// `show stat typed`: `F.<iid>.<sid>.<index>.<name>.<pid>:<tags>:<type>:<value>` for each non-empty field.
    var typed: String {
        var text = ""
        for row in rows {
            for (index, column) in StatField.columns.enumerated() {
                guard let value = row.values[index], !value.isEmpty else { continue }
                let tags = switch row.kind {
                case .frontend: column.frontend
                case .backend: column.backend
                case .server: column.server
                }
                text += "\(row.kind.rawValue).\(row.proxyID).\(row.serverID).\(index).\(column.name).1:\(tags ?? "MGP:u32"):\(value)\n"
            }
        }
        return text
    }

    private static func counted(_ counters: ProxyCounters, into values: inout StatValues) {
        values[7] = "\(counters.sessions)"
        values[8] = "\(counters.bytesIn)"
        values[9] = "\(counters.bytesOut)"
        for (offset, count) in counters.responses.enumerated() { values[39 + offset] = "\(count)" }
        values[48] = "\(counters.requests)"
    }

    /// A backend's or server's session rate, last session and the averages and peaks of its times.
    private static func timed(_ activity: ActivityReading, into values: inout StatValues) {
        values[33] = "\(activity.sessionRate)"
        values[35] = "\(activity.sessionRatePeak)"
        values[55] = "\(activity.secondsSinceLastSession)"
        for (offset, average) in activity.averageTimes.enumerated() { values[58 + offset] = "\(average)" }
        for (offset, peak) in activity.timePeaks.enumerated() { values[90 + offset] = "\(peak)" }
    }

    private static func zeros(_ indexes: [Int], into values: inout StatValues) {
        for index in indexes { values[index] = "0" }
    }

    private static func frontendRow(_ engine: EngineContext, _ index: Int, _ id: Int, _ counters: ProxyCounters) -> Row {
        let plan = engine.plan.frontends[index]
        var values: StatValues = [0: plan.name, 1: "FRONTEND", 26: "1", 27: "\(id)", 28: "0", 32: "0", 75: plan.mode.rawValue]
        counted(counters, into: &values)
        let open = engine.connections.frontendCounts(plan.name)
        values[4] = "\(open.current)"
        values[5] = "\(open.peak)"
        values[6] = "\(ProcessLimits.frontendLimit(engine, plan.name))"
        values[10] = "\(counters.deniedRequests)"
        values[12] = "\(counters.requestErrors)"
        values[17] = engine.connections.isDraining ? "STOP" : "OPEN"
        values[79] = "\(counters.sessions)"
        let activity = counters.activity
        values[33] = "\(activity.sessionRate)"
        values[35] = "\(activity.sessionRatePeak)"
        values[46] = "\(activity.requestRate)"
        values[47] = "\(activity.requestRatePeak)"
        values[77] = "\(activity.connectionRate)"
        values[78] = "\(activity.connectionRatePeak)"
        zeros([11, 34, 51, 52, 53, 54, 80, 81, 82, 83, 86, 87, 94], into: &values)
        zeros(Array(StatField.staticCount..<StatField.columns.count), into: &values)
        return Row(kind: .frontend, proxyID: id, serverID: 0, values: values)
    }

    /// HAProxy's server status: MAINT, DRAIN, `no check`, NOLB (`http-check disable-on-404`), UP, DOWN.
    static func serverStatus(_ snapshot: ServerSnapshot) -> String {
        if snapshot.runtime.maintenance { return "MAINT" }
        if snapshot.runtime.draining { return "DRAIN" }
        guard snapshot.runtime.checked, snapshot.runtime.checksEnabled else { return "no check" }
        return snapshot.up ? (snapshot.stopping ? "NOLB" : "UP") : "DOWN"
    }

    private static func serverRow(_ backend: BackendPlan, _ server: ServerPlan, _ position: Int, _ id: Int,
                                  _ snapshot: ServerSnapshot, _ counters: ProxyCounters, _ now: NIODeadline) -> Row {
        let runtime = snapshot.runtime
        var values: StatValues = [0: backend.name, 1: server.name, 26: "1", 27: "\(id)", 28: "\(position + 1)", 32: "2",
                                     75: backend.mode.rawValue, 73: "\(runtime.address ?? server.address)"]
        counted(counters, into: &values)
        values[2] = "\(snapshot.queued)"
        values[4] = "\(snapshot.active)"
        values[5] = "\(runtime.peakActive)"
        values[6] = server.maxconn.map(String.init) ?? ""
        values[13] = "\(counters.connectionErrors)"
        values[14] = "\(counters.responseErrors)"
        values[15] = "\(counters.retries)"
        values[16] = "\(counters.redispatches)"
        values[17] = serverStatus(snapshot)
        values[18] = "\(runtime.weight)"
        values[19] = server.backup ? "0" : "1"
        values[20] = server.backup ? "1" : "0"
        values[23] = "\((now - runtime.lastChange).nanoseconds / 1_000_000_000)"
        values[25] = server.maxqueue.map(String.init) ?? ""
        values[30] = "\(counters.picked)"
        timed(counters.activity, into: &values)
        values[99] = "\(runtime.weight)"
        if let check = server.check, runtime.checksEnabled, !runtime.maintenance {
            values[21] = "\(runtime.failedChecks)"
            values[22] = "\(runtime.downTransitions)"
            values[24] = "\(runtime.downtime(at: now))"
            values[36] = runtime.checkStatus ?? "INI"
            values[38] = runtime.checkDurationMs.map(String.init) ?? ""
            values[65] = runtime.checkDescription ?? "Initializing"
            values[67] = "\(check.rise)"
            values[68] = "\(check.fall)"
            values[69] = snapshot.up ? "\(check.rise + check.fall - 1)" : "0"
        }
        zeros([3, 11, 49, 50, 83, 84, 85, 88, 94, 95, 96, 97, 98], into: &values)
        zeros(Array(StatField.staticCount..<(StatField.staticCount + 3)), into: &values)
        return Row(kind: .server, proxyID: id, serverID: position + 1, values: values)
    }

    private static func backendRow(_ engine: EngineContext, _ index: Int, _ id: Int, _ servers: [ServerSnapshot],
                                   _ counters: ProxyCounters, _ now: NIODeadline) -> Row {
        let plan = engine.plan.backends[index]
        var values: StatValues = [0: plan.name, 1: "BACKEND", 26: "1", 27: "\(id)", 28: "0", 32: "1", 75: plan.mode.rawValue,
                                     76: plan.balance.algorithm.rawValue]
        counted(counters, into: &values)
        let usable = servers.indices.filter { servers[$0].up && !servers[$0].runtime.maintenance && !servers[$0].runtime.draining }
        let active = usable.filter { !plan.servers[$0].backup }, backup = usable.filter { plan.servers[$0].backup }
        values[2] = "\(engine.backends[index].backendQueueLength)"
        values[4] = "\(servers.reduce(0) { $0 + $1.active })"
        values[6] = "\(ProcessLimits.backendLimit(engine, plan.name))"
        values[5] = "\(servers.reduce(0) { $0 + $1.runtime.peakActive })"
        values[10] = "\(counters.deniedRequests)"
        values[13] = "\(counters.connectionErrors)"
        values[14] = "\(counters.responseErrors)"
        values[15] = "\(counters.retries)"
        values[16] = "\(counters.redispatches)"
        values[17] = usable.isEmpty ? "DOWN" : "UP"
        values[18] = "\((active.isEmpty ? backup : active).reduce(0) { $0 + servers[$1].runtime.weight })"
        values[19] = "\(active.count)"
        values[20] = "\(backup.count)"
        values[22] = "\(servers.reduce(0) { $0 + $1.runtime.downTransitions })"
        values[23] = "\((now - (servers.map(\.runtime.lastChange).max() ?? now)).nanoseconds / 1_000_000_000)"
        values[30] = "\(counters.picked)"
        timed(counters.activity, into: &values)
        values[99] = "\(servers.reduce(0) { $0 + $1.runtime.weight })"
        zeros([3, 11, 24, 49, 50, 51, 52, 53, 54, 83, 84, 85, 86, 87, 94, 100, 101, 102],
              into: &values)
        zeros(Array(StatField.staticCount..<StatField.columns.count), into: &values)
        return Row(kind: .backend, proxyID: id, serverID: 0, values: values)
    }
}

/// The proxies in configuration order, numbered as HAProxy numbers them
/// (from 1, or from 2 when a `stats socket` exists: its `GLOBAL` proxy is 1;
/// a `listen` section is one proxy with a frontend and a backend side).
struct ProxySections {
    /// One `frontend`, `backend` or `listen` section.
    struct Section {
        let name: String
        let id: Int
        let frontend: Int?
        let backend: Int?
    }

    let all: [Section]

    init(plan: RuntimePlan) {
        var entries: [(source: SourceRef, name: String, frontend: Int?, backend: Int?)] = []
        for (index, frontend) in plan.frontends.enumerated() {
            entries.append((frontend.source, frontend.name, index, nil))
        }
        for (index, backend) in plan.backends.enumerated() {
            if let position = entries.firstIndex(where: { $0.name == backend.name && $0.source == backend.source }) {
                entries[position].backend = index
            } else {
                entries.append((backend.source, backend.name, nil, index))
            }
        }
        let files = entries.map(\.source.file).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        entries.sort { left, right in
            let (leftFile, rightFile) = (files.firstIndex(of: left.source.file)!, files.firstIndex(of: right.source.file)!)
            return leftFile != rightFile ? leftFile < rightFile : left.source.line < right.source.line
        }
        let first = (plan.global.statsSockets ?? []).isEmpty ? 1 : 2
        all = entries.enumerated().map { Section(name: $1.name, id: $0 + first, frontend: $1.frontend, backend: $1.backend) }
    }
}

/// The values of one `show stat` row by column (nil: empty), in an array the size of `StatField.columns`.
struct StatValues: ExpressibleByDictionaryLiteral {
    private var storage = [String?](repeating: nil, count: StatField.columns.count)

    init(dictionaryLiteral elements: (Int, String)...) {
        for (index, value) in elements { storage[index] = value }
    }

    subscript(index: Int) -> String? {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}
