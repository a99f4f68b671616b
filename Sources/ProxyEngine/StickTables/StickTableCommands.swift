import RuntimePlan

/// The runtime API's table commands, answered as HAProxy 2.6 answers them
/// (src/stick_table.c `cli_parse_table_req`, `table_process_entry_per_key`,
/// `table_prepare_data_request`): `show table [NAME [data.TYPE OP VALUE]…
/// | [key KEY]]`, `clear table NAME [data.TYPE OP VALUE]… | [key KEY]`,
/// `set table NAME key KEY [data.TYPE VALUE]…`. Words are the command's
/// after `show|clear|set table`; the answer is the text to send back.
enum StickTableCommands {
    /// What the command does.
    enum Action {
        case show, clear, set
    }

    /// One `data.TYPE OP VALUE` filter.
    struct Filter {
        let type: StickDataType
        let compare: (Int64, Int64) -> Bool
        let value: Int64
    }

    static let maximumFilters = 4

    static func run(_ action: Action, _ words: [String], tables: StickTableSet) -> String {
        guard let name = words.first else {
            guard action == .show else { return usage(action) }
            // HAProxy lists its tables newest first (each is pushed on the head of `stktables_list`).
            return tables.all.reversed().map { StickTableDump.header($0, used: $0.count) }.joined()
        }
        guard let table = tables[name] else { return "No such table\n" }
        let rest = Array(words.dropFirst())
        if rest.first == "key" { return byKey(action, table, Array(rest.dropFirst())) }
        if let first = rest.first, !first.hasPrefix("data.") { return usage(action) }
        if rest.isEmpty, action == .set { return usage(action) }
        guard action != .set else {
            return "content-based lookup is only supported with the \"show\" and \"clear\" actions\n"
        }
        let filters: [Filter]
        switch parseFilters(rest, table) {
        case .success(let parsed): filters = parsed
        case .failure(let message): return message.text
        }
        let layout = table.layout
        let keep = { (entry: StickEntry, now: UInt32) in
            filters.allSatisfy { filter in
                value(filter.type, entry, layout, now).map { filter.compare($0, filter.value) } ?? false
            }
        }
        if action == .clear {
            table.removeAll(where: keep)
            return ""
        }
        return StickTableDump.dump(table, include: keep)
    }

    /// A message for the client, carried as an error.
    struct Message: Error {
        let text: String
    }

    static func parseFilters(_ words: [String], _ table: StickTable) -> Result<[Filter], Message> {
        var filters: [Filter] = []
        var index = 0
        while index < words.count, filters.count < maximumFilters {
            let number = filters.count + 1
            guard words[index].hasPrefix("data."), let type = StickDataType(rawValue: String(words[index].dropFirst(5))) else {
                return .failure(Message(text: "Filter entry #\(number): Unknown data type\n"))
            }
            guard table.plan.stored(type) != nil else {
                return .failure(Message(text: "Filter entry #\(number): Data type not stored in this table\n"))
            }
            guard index + 1 < words.count, let compare = operation(words[index + 1]) else {
                return .failure(Message(text: "Filter entry #\(number): Require and operator among \"eq\", \"ne\", \"le\", \"ge\", \"lt\", \"gt\"\n"))
            }
            guard index + 2 < words.count, let value = Int64(words[index + 2]) else {
                return .failure(Message(text: "Filter entry #\(number): Require a valid integer value to compare against\n"))
            }
            filters.append(Filter(type: type, compare: compare, value: value))
            index += 3
        }
        if index < words.count {
            return .failure(Message(text: "Detected extra data in filter, \(index + 4)th word of input, after '\(words[index - 1])'\n"))
        }
        return .success(filters)
    }

    static func operation(_ word: String) -> ((Int64, Int64) -> Bool)? {
        switch word {
        case "eq": return (==)
        case "ne": return (!=)
        case "le": return (<=)
        case "ge": return (>=)
        case "lt": return (<)
        case "gt": return (>)
        default: return nil
        }
    }

    /// A data type's value in an entry (the first element of an array), rates read now.
    static func value(_ type: StickDataType, _ entry: StickEntry, _ layout: StickDataLayout, _ now: UInt32) -> Int64? {
        if let slot = layout.rate(type) { return Int64(entry.rates[slot].rate(period: layout.period(type), now: now)) }
        return layout.counter(type).map { Int64(bitPattern: entry.counters[$0]) }
    }

    private static func byKey(_ action: Action, _ table: StickTable, _ words: [String]) -> String {
        guard let text = words.first else { return "Key value expected\n" }
        guard table.plan.keyType != .binary else {
            switch action {
            case .show: return "Showing keys from tables of type other than ip, ipv6, string and integer is not supported\n"
            case .clear: return "Removing keys from tables of type other than ip, ipv6, string and integer is not supported\n"
            case .set: return "Inserting keys into tables of type other than ip, ipv6, string and integer is not supported\n"
            }
        }
        guard let key = StickKey(text, for: table.plan) else { return "Invalid key\n" }
        switch action {
        case .show:
            guard let entry = table.entry(key) else { return "" }
            return StickTableDump.dump(table) { candidate, _ in candidate === entry }
        case .clear:
            return table.remove(key) ? "" : "Entry currently in use, cannot remove\n"
        case .set:
            guard let entry = table.entry(key, making: true) else { return "Unable to allocate a new entry\n" }
            return set(table, entry, Array(words.dropFirst()))
        }
    }

    /// `set table … data.TYPE VALUE…`: a rate gets the value as its current period's count, as HAProxy sets it.
    private static func set(_ table: StickTable, _ entry: StickEntry, _ words: [String]) -> String {
        table.withData(entry, touching: true) { entry, now in
            var index = 0
            while index < words.count {
                guard words[index].hasPrefix("data.") else { return "\"data.<type>\" followed by a value expected\n" }
                guard let type = StickDataType(rawValue: String(words[index].dropFirst(5))) else { return "Unknown data type\n" }
                guard table.plan.stored(type) != nil else { return "Data type not stored in this table\n" }
                guard index + 1 < words.count, let value = Int64(words[index + 1]) else {
                    return "Require a valid integer value to store\n"
                }
                let layout = table.layout
                if let slot = layout.rate(type) {
                    entry.rates[slot] = FrequencyCounter(currentTick: now & ~1, current: UInt32(truncatingIfNeeded: value), previous: 0)
                } else if let slot = layout.counter(type) {
                    entry.counters[slot] = type == .bytesInCount || type == .bytesOutCount
                        ? UInt64(bitPattern: value) : UInt64(UInt32(truncatingIfNeeded: value))
                }
                index += 2
            }
            return ""
        }
    }

    private static func usage(_ action: Action) -> String {
        switch action {
        case .show: return "Optional argument only supports \"data.<store_data_type>\" <operator> <value> and key <key>\n"
        case .clear: return "Required arguments: <table> \"data.<store_data_type>\" <operator> <value> or <table> key <key>\n"
        case .set: return "Required arguments: <table> key <key> [data.<store_data_type> <value>]*\n"
        }
    }
}
