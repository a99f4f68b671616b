import RuntimePlan

/// Reads the stick-counter fetches (`sc_http_req_rate(0)`, `sc1_conn_cur`,
/// `src_get_gpc0(t)`) and actions (`track-sc0 src table t`, `sc-inc-gpc0(1)`,
/// `sc-set-gpt(2,0) 7`) of doc/configuration.txt 7.3.3 and 4.2.
enum StickCounterParser {
    /// The values a fetch can ask for, after its `sc_`, `scN_` or `src_` prefix.
    static let items = Set<String>([
        "conn_cnt", "conn_cur", "conn_rate", "sess_cnt", "sess_rate", "http_req_cnt", "http_req_rate", "http_err_cnt",
        "http_err_rate", "http_fail_cnt", "http_fail_rate", "bytes_in_rate", "bytes_out_rate", "kbytes_in", "kbytes_out",
        "get_gpc0", "get_gpc1", "gpc0_rate", "gpc1_rate", "inc_gpc0", "inc_gpc1", "clr_gpc0", "clr_gpc1", "get_gpt0",
        "tracked", "trackers", "updt_conn_cnt",
    ]).union(indexedItems)

    /// The values that take an element index first (`sc_get_gpc(IDX,CTR)`).
    static let indexedItems: Set<String> = ["get_gpc", "inc_gpc", "clr_gpc", "gpc_rate", "get_gpt"]

    /// The fetch of a criterion's name and arguments, or nil when it is not a stick-counter fetch.
    static func fetch(name: String, arguments: [String]) -> (Fetch, MatchMethod)? {
        var rest = arguments
        var origin: StickCounterFetch.Origin
        let item: String
        if name.hasPrefix("src_") {
            origin = .source
            item = String(name.dropFirst(4))
        } else if name.hasPrefix("sc_") {
            origin = .slot(0)
            item = String(name.dropFirst(3))
        } else if name.count > 4, name.hasPrefix("sc"), let digit = Int(String(name.dropFirst(2).prefix(1))),
                  name.dropFirst(3).first == "_" {
            guard (0...2).contains(digit) else { return nil }
            origin = .slot(digit)
            item = String(name.dropFirst(4))
        } else {
            return nil
        }
        guard items.contains(item) else { return nil }
        if origin == .source, item == "tracked" || item == "trackers" { return nil }
        if origin != .source, item == "updt_conn_cnt" { return nil }
        var index: Int?
        if indexedItems.contains(item) {
            guard let first = rest.first, let value = Int(first), value >= 0 else { return nil }
            index = value
            rest.removeFirst()
        }
        if name.hasPrefix("sc_") {
            guard let first = rest.first, let slot = Int(first), (0...2).contains(slot) else { return nil }
            origin = .slot(slot)
            rest.removeFirst()
        }
        guard rest.count <= 1 else { return nil }
        let table = rest.first.flatMap { $0.isEmpty ? nil : $0 }
        let counter = StickCounterFetch(origin: origin, item: item, index: index, table: table)
        return (Fetch(counter: counter), item == "tracked" ? .bool : .int)
    }

    /// Whether an `http-request`/`tcp-request` action word is one of the stick-counter actions.
    static func isAction(_ word: String) -> Bool {
        word.hasPrefix("track-sc") || word.hasPrefix("sc-inc-gpc") || word.hasPrefix("sc-set-gpt")
    }

    /// A stick-counter action; `proxy` is the table when `track-sc` names none.
    static func action(_ word: String, _ arguments: [String], proxy: String) -> Result<StickCounterAction, RuleCompiler.Problem> {
        if word.hasPrefix("track-sc") {
            guard let slot = Int(word.dropFirst("track-sc".count)), (0...2).contains(slot) else {
                return .failure(.invalid("'\(word)': the counter is 0, 1 or 2"))
            }
            guard let expression = arguments.first else { return .failure(.invalid("'\(word)' needs a key")) }
            // The key is a sample expression: a fetch and its converters (`src,ipmask(24)`).
            guard let (key, _) = SampleExpressionParser.parse(expression) else { return .failure(.unsupported) }
            var table = proxy
            if arguments.count >= 3, arguments[1] == "table" {
                table = arguments[2]
            } else if arguments.count > 1 {
                return .failure(.invalid("'\(word)': unexpected '\(arguments[1])'"))
            }
            return .success(StickCounterAction(kind: .track, slot: slot, key: key, table: table))
        }
        // `sc-inc-gpc0(N)`, `sc-inc-gpc1(N)`, `sc-inc-gpc(IDX,N)`, `sc-set-gpt0(N) V`, `sc-set-gpt(IDX,N) V`.
        guard let open = word.firstIndex(of: "("), word.hasSuffix(")") else {
            return .failure(.invalid("'\(word)' needs its counter in parentheses"))
        }
        let stem = String(word[..<open])
        let numbers = word[word.index(after: open)..<word.index(before: word.endIndex)].split(separator: ",").map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { return .failure(.invalid("'\(word)': the arguments are numbers")) }
        let values = numbers.compactMap { $0 }
        let data: StickDataType
        var index = 0
        switch (stem, values.count) {
        case ("sc-inc-gpc0", 1): data = .gpc0
        case ("sc-inc-gpc1", 1): data = .gpc1
        case ("sc-set-gpt0", 1): data = .gpt0
        case ("sc-inc-gpc", 2), ("sc-set-gpt", 2):
            data = stem == "sc-inc-gpc" ? .gpc : .gpt
            index = values[0]
        default:
            return .failure(.invalid("'\(word)': unknown action or wrong arguments"))
        }
        guard let slot = values.last, (0...2).contains(slot) else { return .failure(.invalid("'\(word)': the counter is 0, 1 or 2")) }
        var action = StickCounterAction(kind: stem.hasPrefix("sc-inc") ? .incrementGPC : .setGPT, slot: slot, data: data,
                                        index: index)
        if action.kind == .setGPT {
            guard let first = arguments.first else { return .failure(.invalid("'\(word)' needs a value")) }
            guard let value = Int64(first) else { return .failure(.unsupported) }
            action.value = value
        }
        return .success(action)
    }
}
