/// A fetched value.
enum Sample: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)

    var stringValue: String {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        case .boolean(let value): value ? "1" : "0"
        }
    }

    var integerValue: Int64? {
        switch self {
        case .string(let text): Int64(text)
        case .integer(let value): value
        case .boolean(let value): value ? 1 : 0
        }
    }

    var truthValue: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .integer(let value): value != 0
        case .boolean(let value): value
        }
    }
}

/// Reads the values a fetch returns for a request; none when the fetch fails
/// (absent header, no query string).
enum SampleFetcher {
    static func fetch(_ fetch: Fetch, _ facts: RequestFacts) -> [Sample] {
        switch fetch.name {
        case .src: return facts.source.map { [.string($0)] } ?? []
        case .srcPort: return facts.sourcePort.map { [.integer(Int64($0))] } ?? []
        case .dst: return facts.destination.map { [.string($0)] } ?? []
        case .dstPort: return facts.destinationPort.map { [.integer(Int64($0))] } ?? []
        case .path: return [.string(facts.path)]
        case .url: return [.string(facts.target)]
        case .query: return facts.query.map { [.string($0)] } ?? []
        case .method: return [.string(facts.method)]
        case .version: return [.string(facts.version)]
        case .sslFrontend: return [.boolean(facts.tls)]
        case .alwaysTrue: return [.boolean(true)]
        case .alwaysFalse: return [.boolean(false)]
        case .header, .fullHeader:
            guard let name = fetch.arguments.first, !name.isEmpty else {
                return facts.headers.map { .string($0.value) }
            }
            let values = fetch.name == .header ? facts.headerValues(name) : facts.fullHeaderValues(name)
            return occurrence(values, fetch.arguments.dropFirst().first).map { .string($0) }
        case .headerCount:
            guard let name = fetch.arguments.first, !name.isEmpty else { return [.integer(Int64(facts.headers.count))] }
            return [.integer(Int64(facts.headerValues(name).count))]
        }
    }

    /// `hdr(name,N)`: the Nth value (1-based), or counting from the end when negative.
    private static func occurrence(_ values: [String], _ argument: String?) -> [String] {
        guard let argument, let position = Int(argument), position != 0 else { return values }
        let index = position > 0 ? position - 1 : values.count + position
        return values.indices.contains(index) ? [values[index]] : []
    }

    /// The value of a log-format string for a request.
    static func render(_ format: LogFormat, _ facts: RequestFacts) -> String {
        format.parts.map { part in
            switch part {
            case .literal(let text): text
            case .fetch(let sampleFetch): fetch(sampleFetch, facts).first?.stringValue ?? ""
            // Log variables need a transaction: the log line renderer of the engine prints them.
            case .separator: " "
            case .variable, .unavailable: ""
            }
        }.joined()
    }
}

extension LogFormat {
    /// The string for a request, with each fetch replaced by its first value (empty when it fails).
    public func render(_ facts: RequestFacts) -> String { SampleFetcher.render(self, facts) }
}
