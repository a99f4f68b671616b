import ConfigDiagnostics

/// A sample fetch or converter that reads a stick table: `sc_*(N)`,
/// `scN_*`, `src_*`, `table_*` and `in_table`.
struct TableFetch {
    /// The fetch or converter as written (`sc_http_req_rate`).
    var name: String
    /// The stick counter it reads (`sc_*`, `scN_*`); nil for `src_*` and converters.
    var counter: Int?
    /// The table named in its arguments.
    var table: String?
    var tableRange: SourceRange?
    /// The data type it reads or updates (`http_req_rate`, `gpc0`); nil when it needs none.
    var dataType: String?
    /// Whether it increments or clears a counter (`inc_gpc0`, `clr_gpc0`).
    var updating: Bool
    /// Where the name is.
    var range: SourceRange

    /// What each suffix reads: the data type, whether it updates, whether its first argument is an array index.
    static let suffixes: [String: (type: String?, updating: Bool, indexed: Bool)] = {
        var table: [String: (type: String?, updating: Bool, indexed: Bool)] = [:]
        for plain in ["bytes_in_rate", "bytes_out_rate", "conn_cnt", "conn_cur", "conn_rate", "sess_cnt", "sess_rate",
                      "http_req_cnt", "http_req_rate", "http_err_cnt", "http_err_rate", "http_fail_cnt",
                      "http_fail_rate", "gpc0_rate", "gpc1_rate", "gpc0", "gpc1", "gpt0"] {
            table[plain] = (plain, false, false)
        }
        table["kbytes_in"] = ("bytes_in_cnt", false, false)
        table["kbytes_out"] = ("bytes_out_cnt", false, false)
        table["updt_conn_cnt"] = ("conn_cnt", true, false)
        for counter in ["gpc0", "gpc1"] {
            table["get_" + counter] = (counter, false, false)
            table["inc_" + counter] = (counter, true, false)
            table["clr_" + counter] = (counter, true, false)
        }
        table["get_gpt0"] = ("gpt0", false, false)
        for indexed in ["gpc", "gpt", "gpc_rate"] { table[indexed] = (indexed, false, true) }
        table["get_gpc"] = ("gpc", false, true)
        table["get_gpt"] = ("gpt", false, true)
        table["inc_gpc"] = ("gpc", true, true)
        table["clr_gpc"] = ("gpc", true, true)
        for none in ["tracked", "trackers", "expire", "idle", "server_id"] { table[none] = (nil, false, false) }
        return table
    }()

    /// The table fetches among the calls of one word.
    static func scan(_ word: String, at range: SourceRange) -> [TableFetch] {
        CallInWord.scan(word, at: range).compactMap(TableFetch.init)
    }

    init?(_ call: CallInWord) {
        let name = call.name
        var counter: Int? = nil
        var suffix: Substring
        var counterArgument = false
        if name.hasPrefix("sc_") {
            suffix = name.dropFirst(3)
            counterArgument = true
        } else if name.hasPrefix("sc"), let underscore = name.firstIndex(of: "_"),
                  let number = Int(name[name.index(name.startIndex, offsetBy: 2)..<underscore]) {
            counter = number
            suffix = name[name.index(after: underscore)...]
        } else if name.hasPrefix("src_"), !call.isConverter {
            suffix = name.dropFirst(4)
        } else if name.hasPrefix("table_"), call.isConverter {
            suffix = name.dropFirst(6)
        } else if name == "in_table", call.isConverter {
            suffix = "server_id"
        } else {
            return nil
        }
        guard let meaning = Self.suffixes[String(suffix)] else { return nil }
        var arguments = Array(zip(call.arguments, call.argumentRanges).filter { !$0.0.isEmpty })
        if meaning.indexed, !arguments.isEmpty { arguments.removeFirst() }
        if counterArgument {
            guard let first = arguments.first, let number = Int(first.0) else { return nil }
            counter = number
            arguments.removeFirst()
        }
        if name == "in_table" { arguments = Array(arguments.prefix(1)) }
        self.name = name
        self.counter = counter
        table = arguments.first?.0
        tableRange = arguments.first?.1
        dataType = meaning.type
        updating = meaning.updating
        range = call.range
    }
}
