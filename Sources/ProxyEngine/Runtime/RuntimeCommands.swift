import NIOCore
import RuntimePlan

/// Runs one runtime API command (HAProxy's CLI) against the engine and
/// gives its output, each ending as HAProxy ends it (the empty line after
/// each command is the session's). Commands that read counters answer
/// later, once every event loop has given its share.
struct RuntimeCommands {
    let engine: EngineContext
    /// The `peers` sections this process takes part in (`show peers`).
    var peers: [PeersService] = []

    /// The output of `words` at `level` (the session's `prompt`, `quit`, `user` and `operator` are the session's).
    func run(_ words: [String], level: StatsSocketPlan.Level, on loop: EventLoop, session: CLISessionInfo) -> EventLoopFuture<String> {
        guard let first = words.first else { return loop.makeSucceededFuture("") }
        let second = words.count > 1 ? words[1] : ""
        func need(_ minimum: StatsSocketPlan.Level, _ body: () -> String) -> EventLoopFuture<String> {
            loop.makeSucceededFuture(level >= minimum ? body() : CLIText.permissionDenied)
        }
        switch (first, second) {
        case ("help", _):
            return loop.makeSucceededFuture(words.count > 1 ? CLIText.helpTitle + CLIText.suggestions(Array(words.dropFirst()))
                                                            : CLIText.helpText)
        case ("show", "stat"): return showStat(Array(words.dropFirst(2)), on: loop)
        case ("show", "info"): return showInfo(on: loop)
        case ("show", "servers") where words.count > 2 && words[2] == "state":
            return loop.makeSucceededFuture(ServerStateDump(engine: engine).text(backend: words.count > 3 ? words[3] : nil))
        case ("show", "backend"):
            return loop.makeSucceededFuture("# name\n" + engine.plan.backends.map { $0.name + "\n" }.joined())
        case ("show", "sess"):
            guard level >= .operator else { return loop.makeSucceededFuture(CLIText.permissionDenied) }
            return SessionDump(engine: engine).text(cli: session, on: loop)
        case ("show", "errors"): return need(.operator) { showErrors(words.count > 2 ? words[2] : nil) }
        case ("show", "events"):
            guard words.count > 2 else { return loop.makeSucceededFuture(EventSinks(rings: engine.logRings).list) }
            return need(.operator) { EventSinks(rings: engine.logRings).show(Array(words.dropFirst(2))) }
        case ("show", "peers"): return PeersDump.run(Array(words.dropFirst(2)), services: peers, on: loop)
        case ("show", "table"), ("clear", "table"), ("set", "table"):
            return loop.makeSucceededFuture(tableCommand(first, Array(words.dropFirst(2)), level: level))
        case ("get", "weight"): return loop.makeSucceededFuture(getWeight(words.count > 2 ? words[2] : ""))
        case ("set", "server"): return need(.admin) { ServerCommands(engine: engine).setServer(Array(words.dropFirst(2))) }
        case ("set", "weight"):
            return need(.admin) { ServerCommands(engine: engine).setServer([words.count > 2 ? words[2] : "", "weight"] + words.dropFirst(3)) }
        case ("enable", "server"), ("disable", "server"):
            return need(.admin) {
                ServerCommands(engine: engine).setServer([words.count > 2 ? words[2] : "", "state", first == "enable" ? "ready" : "maint"])
            }
        case ("enable", "health"), ("disable", "health"):
            return need(.admin) { ServerCommands(engine: engine).health(words.count > 2 ? words[2] : "", enable: first == "enable") }
        case ("set", "maxconn") where ["global", "frontend"].contains(words.count > 2 ? words[2] : ""):
            return need(.admin) { setMaxconn(Array(words.dropFirst(2))) }
        case ("set", "rate-limit"): return need(.admin) { setRateLimit(Array(words.dropFirst(2))) }
        default: return loop.makeSucceededFuture(CLIText.unknown(words))
        }
    }

    private func showStat(_ options: [String], on loop: EventLoop) -> EventLoopFuture<String> {
        var proxy: String?, types = 7
        var rest = options[...]
        // `show stat <iid|proxy> <type> <sid>` selects rows.
        if rest.count >= 3, let mask = Int(rest[rest.startIndex + 1]) {
            proxy = rest.first == "-1" ? nil : rest.first
            types = mask == -1 ? 7 : mask
            rest = rest.dropFirst(3)
        }
        let servers = engine.backends.map { $0.snapshot() }
        let (selected, mask, flags) = (proxy, types, Array(rest))
        return engine.statistics.totals(on: loop).map { totals in
            let report = StatsReport(engine: engine, totals: totals, servers: servers, proxy: selected, types: mask,
                                     skipDown: flags.contains("up"), skipMaintenance: flags.contains("no-maint"))
            return flags.contains("typed") ? report.typed : report.csv
        }
    }

    private func showInfo(on loop: EventLoop) -> EventLoopFuture<String> {
        engine.statistics.totals(on: loop).map { ProcessInfoReport(engine: engine, totals: $0).text }
    }

    /// `show errors [<px>]`: the header (the engine keeps no copy of invalid messages); HAProxy's message for an unknown proxy.
    private func showErrors(_ proxy: String?) -> String {
        if let proxy, proxy != "-1",
           !ProxySections(plan: engine.plan).all.contains(where: { $0.name == proxy || "\($0.id)" == proxy }) {
            return CLIText.noSuchProxy
        }
        return SessionDump.errorsHeader()
    }

    private func getWeight(_ target: String) -> String {
        switch ServerCommands(engine: engine).find(target) {
        case .failed(let message): return message
        case .found(let backend, let server):
            let runtime = engine.backends[backend].snapshot()[server].runtime
            return "\(runtime.weight) (initial \(runtime.initialWeight))\n"
        }
    }

    /// `set rate-limit connections|sessions|ssl-sessions|http-compression global N`, read as HAProxy reads it (atoi).
    /// The engine enforces the connection and session limits; the SSL and compression ones are accepted and not enforced.
    private func setRateLimit(_ words: [String]) -> String {
        let setting = words.first ?? ""
        guard ["connections", "sessions", "ssl-sessions", "http-compression"].contains(setting), words.count > 1,
              words[1] == "global" else { return CLIText.rateLimitUsage }
        guard words.count > 2, !words[2].isEmpty else { return CLIText.integerExpected }
        let value = Int(words[2].prefix { $0.isNumber || $0 == "-" }) ?? 0
        guard value >= 0 else { return CLIText.outOfRange }
        switch setting {
        case "connections": engine.connections.rateLimits.set(.connections, value)
        case "sessions": engine.connections.rateLimits.set(.sessions, value)
        default: break
        }
        return ""
    }

    /// `show|clear|set table …`: entries are shown and changed from the operator level up; below it
    /// `show table NAME` gives the header and HAProxy's notice (src/stick_table.c `table_dump_head_to_buffer`),
    /// `clear table NAME [filter]` does nothing, and the `key` forms and `set` are denied.
    private func tableCommand(_ verb: String, _ words: [String], level: StatsSocketPlan.Level) -> String {
        let action: StickTableCommands.Action = verb == "show" ? .show : verb == "clear" ? .clear : .set
        guard level < .operator else { return StickTableCommands.run(action, words, tables: engine.stickTables) }
        guard action != .set, let name = words.first else {
            return action == .show ? StickTableCommands.run(.show, [], tables: engine.stickTables) : CLIText.permissionDenied
        }
        guard let table = engine.stickTables[name] else { return "No such table\n" }
        if words.count > 1, words[1] == "key" { return CLIText.permissionDenied }
        // A filtered or whole-table walk skips the entries below the operator level: nothing is shown or removed.
        guard action == .show else { return "" }
        return StickTableDump.header(table, used: table.count) + "# contents not dumped due to insufficient privileges\n"
    }

    /// `set maxconn frontend NAME N` and `set maxconn global N`.
    private func setMaxconn(_ words: [String]) -> String {
        switch words.first {
        case "global":
            guard words.count > 1 else { return CLIText.integerExpected }
            // HAProxy reads the value with atoi: a value of 0 or less (or a word) restores the initial limit.
            let value = Int(words[1]) ?? 0
            if value > ProcessLimits.hardMaxconn(engine) { return CLIText.outOfRange }
            engine.connections.setGlobalLimit(value > 0 ? value : engine.plan.global.maxconn ?? 0)
            return ""
        default:
            guard words.count > 1 else { return CLIText.frontendExpected }
            guard engine.plan.frontends.contains(where: { $0.name == words[1] }) else { return CLIText.noSuchFrontend }
            guard words.count > 2, let value = Int(words[2]) else { return CLIText.integerValueExpected }
            guard value >= 0 else { return CLIText.outOfRange }
            _ = engine.connections.setFrontendLimit(words[1], value)
            return ""
        }
    }
}

/// The CLI session that runs a command, as `show sess` lists it.
struct CLISessionInfo: Sendable {
    let id: ObjectIdentifier
    let opened: NIODeadline
    /// `unix_stream` or `tcpv4`/`tcpv6`.
    let proto: String
    let source: String
}
