import ConfigDiagnostics
import HAProxyConfig

/// A stick table: the `stick-table` line of a proxy (named after the proxy)
/// or a `table` line of a `peers` section (named `peers/table`).
struct StickTable {
    var name: String
    /// The data types of its `store` arguments (`http_req_rate`, `gpc0`, …).
    var stored: Set<String>
    /// The `peers` section it is synchronised through.
    var peers: (name: String, range: SourceRange)?
    /// The last `store` list, else the `stick-table` or `table` line.
    var storeRange: SourceRange

    /// The tables of a configuration, by name.
    static func index(_ configuration: HAProxyConfiguration) -> [String: StickTable] {
        var tables: [String: StickTable] = [:]
        for proxy in configuration.proxies {
            guard let name = proxy.name, let line = proxy.directives("stick-table").last else { continue }
            tables[name] = StickTable(line, name: name)
        }
        for section in configuration.peers {
            for line in section.directives where line.keyword == "table" && !line.arguments.isEmpty {
                let name = section.name + "/" + line.arguments[0]
                tables[name] = StickTable(line, name: name)
            }
        }
        return tables
    }

    init(_ line: Directive, name: String) {
        self.name = name
        storeRange = line.range
        stored = []
        var index = line.arguments.startIndex
        while index < line.arguments.endIndex {
            let word = line.arguments[index]
            if word == "store", index + 1 < line.arguments.endIndex {
                storeRange = line.argumentRanges[index + 1]
                for item in line.arguments[index + 1].split(separator: ",") {
                    stored.insert(String(item.prefix { $0 != "(" }))
                }
                index += 1
            } else if word == "peers", index + 1 < line.arguments.endIndex {
                peers = (line.arguments[index + 1], line.argumentRanges[index + 1])
                index += 1
            }
            index += 1
        }
    }

    /// Whether the table keeps what a fetch of `dataType` reads. `inc`/`clr`
    /// fetches also work on the `_rate` variant, and since 2.5 `gpc0`/`gpc1`
    /// and `gpt0` fall back on the `gpc`/`gpt` arrays.
    func stores(_ dataType: String, updating: Bool) -> Bool {
        if stored.contains(dataType) { return true }
        var accepted: [String] = []
        switch dataType {
        case "gpc0", "gpc1": accepted = ["gpc"] + (updating ? [dataType + "_rate", "gpc_rate"] : [])
        case "gpc0_rate", "gpc1_rate": accepted = ["gpc_rate"]
        case "gpc": accepted = updating ? ["gpc_rate"] : []
        case "gpt0": accepted = ["gpt"]
        default: break
        }
        return accepted.contains { stored.contains($0) }
    }
}
