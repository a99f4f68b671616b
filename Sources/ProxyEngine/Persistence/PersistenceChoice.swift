import RuntimePlan

/// What a backend's persistence decided for one request: the server the
/// cookie or a `stick match` asks for, whether the client's cookie named
/// it (HAProxy's `SF_DIRECT`), and the stick entries to record once the
/// server is known.
struct PersistenceChoice {
    /// An entry a `stick on|store-request` rule records.
    struct Store {
        let table: StickTable
        let key: StickKey
    }

    var server: Int?
    /// The client presented a valid cookie for `server`.
    var direct = false
    /// `ignore-persist` matched: no cookie is set either (HAProxy's `SF_IGNORE_PRST`).
    var ignored = false
    /// The dates the client's cookie carried (`maxidle`, `maxlife`).
    var dates = CookieDates()
    var stores: [Store] = []

    /// HAProxy makes at most 8 stores per request.
    static let storeLimit = 8

    /// Decides for a request; `request` loses what the backend strips from the
    /// forwarded `Cookie` header (the cookie in `insert indirect` mode, the server prefix in `prefix` mode).
    static func resolve(_ plan: PersistencePlan, backend: BackendPlan, state: BackendState, tables: StickTableSet,
                        evaluator: ACLEvaluator, now: Int, request: inout RequestFacts) -> PersistenceChoice {
        var choice = PersistenceChoice()
        let ignore = plan.ignorePersist.contains { evaluator.evaluate($0, request) }
        let force = plan.forcePersist.contains { evaluator.evaluate($0, request) }
        choice.ignored = ignore
        // A server down or in maintenance takes persistent traffic only with `option persist` or
        // `force-persist` (HAProxy checks `cur_state`, which maintenance stops too).
        func allowed(_ index: Int) -> Bool {
            guard backend.servers.indices.contains(index) else { return false }
            return (state.isUp(index) && !backend.servers[index].maintenance) || plan.persistWhenDown || force
        }
        if let cookie = plan.cookie, let value = request.cookieValue(cookie.name) {
            let (serverValue, rest) = CookieRewriter.split(value, mode: cookie.mode)
            let dates = cookie.mode == .prefix ? CookieDates() : CookieDates(rest)
            // An expired cookie is as if absent, and its dates are forgotten.
            let expired = dates.expired(cookie, now: now)
            if !expired { choice.dates = dates }
            // The first usable server with that cookie value (several servers may share one).
            if !ignore, !expired, let index = backend.servers.indices.first(where: { backend.servers[$0].cookie == serverValue && allowed($0) }) {
                choice.server = index
                choice.direct = true
            }
            CookieRewriter.stripRequest(&request, cookie: cookie, rest: rest)
        }
        guard !ignore else { return choice }
        for rule in plan.stickRules where rule.readsRequest && rule.condition.map({ evaluator.evaluate($0, request) }) ?? true {
            guard let table = tables[rule.table], let text = rule.key.sampleText(request),
                  let key = StickKey(text, for: table.plan) else { continue }
            if rule.matches, choice.server == nil, let entry = table.entry(key),
               let id = table.withData(entry, { entry, _ in table.layout.counter(.serverID).map { entry.counters[$0] } }),
               allowed(Int(id) - 1) {
                choice.server = Int(id) - 1
            }
            if rule.stores, choice.stores.count < storeLimit, !choice.stores.contains(where: { $0.table === table && $0.key == key }) {
                choice.stores.append(Store(table: table, key: key))
            }
        }
        return choice
    }

    /// Records the server in every entry to store (`server_id`, `server_key`), refreshing their expiry.
    func record(server index: Int, backend: BackendPlan) {
        for store in stores { store.record(server: index, backend: backend) }
    }

    /// `stick store-response` on a server's response (src/stream.c `process_store_rules`): in order, the
    /// first rule of each table whose condition holds and whose key the response gives records the server.
    static func storeResponse(_ plan: PersistencePlan, backend: BackendPlan, tables: StickTableSet, evaluator: ACLEvaluator,
                              response: RequestFacts, server index: Int) {
        var stored: [StickTable] = []
        for rule in plan.stickRules where rule.kind == .storeResponse {
            guard let table = tables[rule.table], !stored.contains(where: { $0 === table }),
                  rule.condition.map({ evaluator.evaluate($0, response) }) ?? true,
                  let text = rule.key.sampleText(response), let key = StickKey(text, for: table.plan) else { continue }
            stored.append(table)
            Store(table: table, key: key).record(server: index, backend: backend)
        }
    }
}

extension PersistenceChoice.Store {
    /// Writes the server into the entry of the key, made if missing, and refreshes its expiry.
    func record(server index: Int, backend: BackendPlan) {
        guard let entry = table.entry(key, making: true) else { return }
        table.withData(entry, touching: true) { entry, _ in
            if let slot = table.layout.counter(.serverID) { entry.counters[slot] = UInt64(index + 1) }
            entry.serverKey = backend.servers[index].name
        }
    }
}

extension Fetch {
    /// The first value of the fetch for a request, as text; nil when it fails or is empty.
    func sampleText(_ request: RequestFacts) -> String? {
        let text = LogFormat(parts: [.fetch(self)]).render(request)
        return text.isEmpty ? nil : text
    }
}
