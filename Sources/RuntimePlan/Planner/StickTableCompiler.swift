import ConfigDiagnostics
import HAProxyConfig
import RuntimePlan

/// Compiles a proxy's `stick-table` line (doc/configuration.txt `stick-table`):
/// `type ip|ipv6|integer|string [len N]|binary [len N] size S [expire T]
/// [nopurge] [peers P] [srvkey name|addr] [store TYPE[,TYPE…]]…`.
struct StickTableCompiler {
    let proxy: Proxy

    func compile(context: inout PlanningContext) -> StickTablePlan? {
        guard let directive = proxy.directives("stick-table").last else { return nil }
        context.markHandled(directive.range)
        return Self.compile(StickTableSpec(stickTable: directive, proxy: proxy.name ?? ""), context: &context)
    }

    /// The `table NAME …` lines of a `peers` section, named `SECTION/NAME` as HAProxy names them.
    static func peersTables(_ section: PeersSection, context: inout PlanningContext) -> [StickTablePlan] {
        section.directives.compactMap { StickTableSpec(table: $0, in: section) }.compactMap { compile($0, context: &context) }
    }

    /// The plan of a table, or nil after an error: HAProxy's refusal as the checker reports it (`stick-table-invalid`,
    /// the same message at the same word), else what the engine cannot hold.
    static func compile(_ spec: StickTableSpec, context: inout PlanningContext) -> StickTablePlan? {
        if let problem = spec.problems.first {
            context.error(PlannerMessage.stickTableInvalid, problem.message, at: problem.range)
            return nil
        }
        switch read(spec) {
        case .success(let table): return table
        case .failure(let problem):
            let label = spec.peersSection == nil ? "stick-table" : "table \(spec.name)"
            context.error(PlannerMessage.stickTableInvalid, "\(label): \(problem.message)", at: spec.range)
            return nil
        }
    }

    /// Why a table HAProxy accepts cannot be held by the engine.
    struct Problem: Error {
        var message: String
    }

    /// The engine's table for a declaration HAProxy accepts (`spec.problems` is empty).
    static func read(_ spec: StickTableSpec) -> Result<StickTablePlan, Problem> {
        guard let type = spec.keyType.flatMap({ StickTablePlan.KeyType(rawValue: $0.rawValue) }) else {
            return .failure(Problem(message: "'type' is missing"))
        }
        var table = StickTablePlan(name: spec.name, keyType: type, keyLength: 4, size: 0, source: SourceRef(spec.range))
        guard let sizeText = spec.size, let bytes = ByteSize.parse(sizeText), bytes.bytes > 0, bytes.bytes <= Int64(Int32.max) else {
            return .failure(Problem(message: "'size' needs a positive number"))
        }
        table.size = Int(bytes.bytes)
        if let expire = spec.expire {
            guard let duration = try? Duration.parse(expire).get() else { return .failure(Problem(message: "'expire' needs a duration")) }
            table.expireMs = Int(duration.milliseconds)
        }
        var length: Int?
        if let text = spec.keyLength {
            guard let count = Int(text), count > 0 else { return .failure(Problem(message: "'len' needs a positive number")) }
            length = count
        }
        table.nopurge = spec.nopurge
        table.peers = spec.peersSection ?? spec.peers?.text
        for item in spec.stored {
            guard let stored = storedData(item.text) else { return .failure(Problem(message: "unknown data type '\(item.text)'")) }
            table.stored.removeAll { $0.type == stored.type }
            table.stored.append(stored)
        }
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
}
