#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import RuntimePlan

/// Cookie and stick-table persistence on the data path: the server a
/// request asks for is taken before balancing (`acquireServer`), the stick
/// entries are recorded once a server is chosen, and the response gets the
/// backend's `Set-Cookie` as HAProxy writes it.
extension ClientConnectionHandler {
    /// The persistence decision for a request routed to a backend; nil when the backend has none.
    func resolvePersistence(_ request: inout RequestFacts, backend index: Int) -> PersistenceChoice? {
        let backend = engine.plan.backends[index]
        guard let plan = backend.persistence else { return nil }
        return PersistenceChoice.resolve(plan, backend: backend, state: engine.backends[index], tables: engine.stickTables,
                                         evaluator: engine.router.evaluator, now: Self.unixSeconds(), request: &request)
    }

    /// The wall clock in seconds, as HAProxy's `date.tv_sec`.
    static func unixSeconds() -> Int { Int(time(nil)) }

    /// The server persistence asks for, taken if it has room and was not given up on by a retry.
    func takePersistentServer(_ exchange: ServerExchange) -> Int? {
        guard let server = exchange.persistence?.server else { return nil }
        if exchange.excluded.contains(server) || !engine.backends[exchange.backendIndex].tryAcquire(server: server) {
            // Redispatched: the client's cookie no longer names the server used.
            exchange.persistence?.direct = false
            exchange.persistence?.server = nil
            return nil
        }
        return server
    }

    /// The server is known: `stick on|store-request` rules record it.
    func recordPersistence(_ exchange: ServerExchange, server: Int) {
        exchange.persistence?.record(server: server, backend: engine.plan.backends[exchange.backendIndex])
    }

    /// `stick store-response` rules read the server's response head and record the server that sent it.
    func storeResponsePersistence(_ head: H1Head, _ bytes: ByteBuffer, _ exchange: ServerExchange) {
        let backend = engine.plan.backends[exchange.backendIndex]
        guard let plan = backend.persistence, let server = exchange.server,
              plan.stickRules.contains(where: { $0.kind == .storeResponse }) else { return }
        var facts = exchange.request
        facts.response = ResponseFacts(status: head.status, reason: head.string(head.third, in: bytes), headers: responseFields(head, bytes))
        PersistenceChoice.storeResponse(plan, backend: backend, tables: engine.stickTables, evaluator: engine.router.evaluator,
                                        response: facts, server: server)
    }

    /// The response's `Set-Cookie` changes for the backend's cookie mode, and `Cache-Control: private` with `nocache`.
    func persistenceResponseEdits(_ head: H1Head, _ bytes: ByteBuffer, _ exchange: ServerExchange, _ edits: inout H1HeadEdits) {
        let backend = engine.plan.backends[exchange.backendIndex]
        guard let cookie = backend.persistence?.cookie, cookie.mode != .passive, let server = exchange.server else { return }
        let serverValue = backend.servers[server].cookie
        var fields: [(name: String, value: String)] = []
        var ownCookies: [(position: Int, value: String)] = []
        for (position, field) in head.fields.enumerated() {
            let name = head.string(field.name, in: bytes), value = head.string(field.value, in: bytes)
            fields.append((name, value))
            if name.lowercased() == "set-cookie", value.hasPrefix(cookie.name + "=") { ownCookies.append((position, value)) }
        }
        var inserted = false
        switch cookie.mode {
        case .insert:
            if !ownCookies.isEmpty, !cookie.preserve { ownCookies.forEach { edits.removed.insert($0.position) } }
            let now = Self.unixSeconds(), dates = exchange.persistence?.dates ?? CookieDates()
            let skip = (exchange.persistence?.direct == true && !dates.needsRefresh(cookie, now: now))
                || exchange.persistence?.ignored == true || (cookie.postonly && exchange.request.method != "POST")
                || (cookie.preserve && !ownCookies.isEmpty)
            if !skip {
                edits.added.append(("set-cookie", CookieRewriter.inserted(cookie, serverValue: serverValue.map {
                    $0 + dates.suffix(cookie, now: now)
                })))
                inserted = true
            }
        case .rewrite, .prefix:
            guard let serverValue else { return }
            for own in ownCookies {
                let value = own.value.dropFirst(cookie.name.count + 1)
                let written = cookie.mode == .rewrite
                    ? cookie.name + "=" + serverValue + (value.firstIndex(of: ";").map { String(value[$0...]) } ?? "")
                    : cookie.name + "=" + serverValue + "~" + value
                edits.removed.insert(own.position)
                edits.added.append(("set-cookie", written))
                inserted = true
            }
        case .passive:
            return
        }
        if inserted, cookie.nocache,
           CookieRewriter.isCacheable(method: exchange.request.method, status: head.status, headers: fields) {
            edits.added.append(("cache-control", "private"))
        }
    }
}
