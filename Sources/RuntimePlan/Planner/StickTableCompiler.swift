import ConfigDiagnostics
import HAProxyConfig

/// Compiles a proxy's `stick-table` line (doc/configuration.txt `stick-table`):
/// `type ip|ipv6|integer|string [len N]|binary [len N] size S [expire T]
/// [nopurge] [peers P] [srvkey name|addr] [store TYPE[,TYPE…]]…`.
struct StickTableCompiler {
    let proxy: Proxy

    func compile(context: inout PlanningContext) -> StickTablePlan? {
        guard let directive = proxy.directives("stick-table").last else { return nil }
        context.markHandled(directive.range)
        switch Self.read(directive.arguments, name: proxy.name ?? "", source: SourceRef(directive.range)) {
        case .success(let table): return table
        case .failure(let problem):
            context.error(PlannerMessage.stickTableInvalid, "stick-table: \(problem.message)", at: directive.range)
            return nil
        }
    }

    /// The `table NAME …` lines of a `peers` section, named `SECTION/NAME` as HAProxy names them.
    static func peersTables(_ section: PeersSection, context: inout PlanningContext) -> [StickTablePlan] {
        section.directives.filter { $0.keyword == "table" }.compactMap { directive in
            guard let name = directive.arguments.first else { return nil }
            let source = SourceRef(directive.range)
            switch read(Array(directive.arguments.dropFirst()), name: section.name + "/" + name, source: source) {
            case .success(var table):
                table.peers = section.name
                return table
            case .failure(let problem):
                context.error(PlannerMessage.stickTableInvalid, "table \(name): \(problem.message)", at: directive.range)
                return nil
            }
        }
    }

    /// Why a `stick-table` line cannot be compiled.
    struct Problem: Error {
        var message: String
    }

    static func read(_ words: [String], name: String, source: SourceRef) -> Result<StickTablePlan, Problem> {
        var type: StickTablePlan.KeyType?
        var length: Int?
        var size: Int?
        var table = StickTablePlan(name: name, keyType: .ip, keyLength: 4, size: 0, source: source)
        var index = 0
        func value() -> String? { index + 1 < words.count ? words[index + 1] : nil }
        while index < words.count {
            switch words[index] {
            case "type":
                guard let word = value(), let kind = StickTablePlan.KeyType(rawValue: word) else {
                    return .failure(Problem(message: "'type' needs ip, ipv6, integer, string or binary"))
                }
                type = kind
                index += 1
                if kind == .string || kind == .binary, words.count > index + 1, words[index + 1] == "len" {
                    guard index + 2 < words.count, let count = Int(words[index + 2]), count > 0 else {
                        return .failure(Problem(message: "'len' needs a positive number"))
                    }
                    length = count
                    index += 2
                }
            case "size":
                guard let word = value(), let bytes = ByteSize.parse(word), bytes.bytes > 0, bytes.bytes <= Int64(Int32.max) else {
                    return .failure(Problem(message: "'size' needs a positive number"))
                }
                size = Int(bytes.bytes)
                index += 1
            case "expire":
                guard let word = value(), let duration = try? Duration.parse(word).get() else {
                    return .failure(Problem(message: "'expire' needs a duration"))
                }
                table.expireMs = Int(duration.milliseconds)
                index += 1
            case "nopurge": table.nopurge = true
            case "peers":
                table.peers = value()
                index += 1
            case "srvkey": index += 1
            case "store":
                guard let list = value() else { return .failure(Problem(message: "'store' needs data types")) }
                for item in splitTopLevel(list) {
                    guard let stored = storedData(item) else { return .failure(Problem(message: "unknown data type '\(item)'")) }
                    table.stored.removeAll { $0.type == stored.type }
                    table.stored.append(stored)
                }
                index += 1
            default:
                return .failure(Problem(message: "unknown argument '\(words[index])'"))
            }
            index += 1
        }
        guard let type else { return .failure(Problem(message: "'type' is missing")) }
        guard let size else { return .failure(Problem(message: "'size' is missing")) }
        table.keyType = type
        table.size = size
        switch type {
        case .ip, .integer: table.keyLength = 4
        case .ipv6: table.keyLength = 16
        case .string, .binary: table.keyLength = length ?? 32
        }
        if type == .string, let length { table.wireKeySize = length + 1 }
        table.stored.sort { $0.type.id < $1.type.id }
        return .success(table)
    }

    /// `http_req_rate(10s)`, `gpc(3)`, `gpc_rate(3,10s)`, `conn_cur`.
    static func storedData(_ item: String) -> StickDataPlan? {
        var name = Substring(item)
        var arguments: [String] = []
        if let open = item.firstIndex(of: "(") {
            guard item.hasSuffix(")") else { return nil }
            name = item[..<open]
            arguments = item[item.index(after: open)..<item.index(before: item.endIndex)].split(separator: ",").map(String.init)
        }
        guard let type = StickDataType(rawValue: String(name)) else { return nil }
        var stored = StickDataPlan(type: type)
        if type.isArray {
            guard let first = arguments.first, let count = Int(first), (1...100).contains(count) else { return nil }
            stored.count = count
            arguments.removeFirst()
        }
        if type.isRate {
            guard arguments.count == 1, let duration = try? Duration.parse(arguments[0]).get(), duration.milliseconds > 0 else {
                return nil
            }
            stored.periodMs = Int(duration.milliseconds)
        } else if !arguments.isEmpty {
            return nil
        }
        return stored
    }

    /// Splits on the commas outside parentheses.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
