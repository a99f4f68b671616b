import Foundation

/// A fetched or converted value, typed as HAProxy types samples (str, sint, bool, bin).
public enum Sample: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    /// Raw bytes (`bin(…)`, `b64dec`, `sha1`…), which may hold NUL and bytes that are not UTF-8.
    case binary([UInt8])

    public var stringValue: String {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        case .boolean(let value): value ? "1" : "0"
        // HAProxy's bin-to-str cast stops at the first NUL; a Swift string holds the UTF-8 part of the rest.
        case .binary: String(decoding: textBytes, as: UTF8.self)
        }
    }

    /// The sample cast to a string, as bytes (HAProxy's bin-to-str cast stops at the first NUL).
    public var textBytes: [UInt8] {
        guard case .binary(let bytes) = self else { return Array(stringValue.utf8) }
        return Array(bytes.prefix { $0 != 0 })
    }

    /// The sample cast to binary, as HAProxy casts it: bytes as they are, a string's
    /// bytes, an integer or a boolean as 8 bytes in network order.
    public var bytes: [UInt8] {
        switch self {
        case .binary(let bytes): bytes
        case .string(let text): Array(text.utf8)
        case .integer(let value): (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
        case .boolean(let value): [0, 0, 0, 0, 0, 0, 0, value ? 1 : 0]
        }
    }

    public var integerValue: Int64? {
        switch self {
        case .string(let text): Int64(text)
        case .integer(let value): value
        case .boolean(let value): value ? 1 : 0
        // HAProxy has no bin-to-int cast.
        case .binary: nil
        }
    }

    public var truthValue: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .integer(let value): value != 0
        case .boolean(let value): value
        case .binary(let bytes): !bytes.isEmpty
        }
    }
}

/// Reads the values a fetch returns for a request, each passed through the
/// fetch's converters; none when the fetch fails (absent header, no query
/// string) or a converter fails.
enum SampleFetcher {
    static func fetch(_ fetch: Fetch, _ facts: RequestFacts) -> [Sample] {
        let values = raw(fetch, facts)
        guard !fetch.converters.isEmpty else { return values }
        return values.compactMap { value in
            fetch.converters.reduce(Optional(value)) { sample, converter in
                sample.flatMap { SampleConverter.apply(converter, to: $0, facts) }
            }
        }
    }

    /// The value a sample expression gives outside an ACL (log-format, `set-var`): the last one
    /// fetched, as HAProxy takes the last occurrence of a header there.
    static func value(_ fetch: Fetch, _ facts: RequestFacts) -> Sample? {
        self.fetch(fetch, facts).last
    }

    /// Fetches that read the request message: HAProxy has released it when the
    /// response rules run, so there they find nothing (and an ACL on them never matches).
    private static let requestMessage: Set<Fetch.Name> = [
        .path, .url, .query, .method, .version, .header, .fullHeader, .headerCount, .urlParameter, .headerIP, .base,
        .pathQuery, .cookie, .cookieCount, .cookieValue,
    ]

    private static func raw(_ fetch: Fetch, _ facts: RequestFacts) -> [Sample] {
        if facts.response != nil, requestMessage.contains(fetch.name) { return [] }
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
        case .stickCounter:
            guard let counter = fetch.counter, let value = facts.stickCounters?.session.value(counter, source: facts.source) else {
                return []
            }
            return [counter.item == "tracked" ? .boolean(value != 0) : .integer(value)]
        case .header, .fullHeader:
            return headers(facts.headers, fetch, full: fetch.name == .fullHeader)
        case .headerCount:
            guard let name = fetch.arguments.first, !name.isEmpty else { return [.integer(Int64(facts.headers.count))] }
            return [.integer(Int64(facts.headerValues(name).count))]
        case .responseHeader, .responseFullHeader:
            guard let response = facts.response else { return [] }
            return headers(response.headers, fetch, full: fetch.name == .responseFullHeader)
        case .responseHeaderCount:
            guard let response = facts.response else { return [] }
            guard let name = fetch.arguments.first, !name.isEmpty else { return [.integer(Int64(response.headers.count))] }
            return [.integer(Int64(RequestFacts.listValues(response.headers, name).count))]
        case .status: return facts.response.map { [.integer(Int64($0.status))] } ?? []
        case .variable:
            guard let name = fetch.arguments.first else { return [] }
            if let value = facts.variables[name] { return [value] }
            return fetch.arguments.count > 1 ? [.string(fetch.arguments[1])] : []
        case .string: return [.string(fetch.arguments.first ?? "")]
        case .integer: return fetch.arguments.first.flatMap { Int64($0) }.map { [.integer($0)] } ?? []
        case .boolean: return fetch.arguments.first.flatMap { Int64($0) }.map { [.boolean($0 != 0)] } ?? []
        case .binary: return fetch.arguments.first.flatMap(Self.hexBytes).map { [.binary($0)] } ?? []
        // `uuid([4])`: a random version 4 UUID in lower case, as HAProxy writes it.
        case .uuid: return [.string(UUID().uuidString.lowercased())]
        case .frontendName: return facts.frontendName.map { [.string($0)] } ?? []
        case .backendName: return facts.backendName.map { [.string($0)] } ?? []
        case .urlParameter: return urlParameter(facts, fetch.arguments)
        case .headerIP:
            return headers(facts.headers, fetch, full: false).compactMap { sample in
                let address = Self.addressPart(sample.stringValue)
                return IPAddressBytes(address) == nil ? nil : .string(address)
            }
        case .base:
            guard let host = facts.fullHeaderValues("host").last else { return [.string(facts.path)] }
            return [.string(host + facts.path)]
        case .serverName: return facts.serverName.map { [.string($0)] } ?? []
        case .frontendConnections, .backendConnections, .serverConnections: return connectionCount(fetch, facts)
        case .socketName: return facts.listenerName.map { [.string($0)] } ?? []
        case .backendServerTimeout: return [.integer(Int64(facts.timeouts.backendServerMs ?? 0))]
        case .backendTunnelTimeout: return [.integer(Int64(facts.timeouts.backendTunnelMs ?? 0))]
        // HAProxy sets the stream's timeouts from the backend once the server connection is established,
        // unless a `set-timeout` rule set them first.
        case .currentServerTimeout:
            let established = facts.serverName != nil || facts.timeouts.serverConnected ? facts.timeouts.backendServerMs : nil
            return [.integer(Int64(facts.timeouts.serverOverrideMs ?? established ?? 0))]
        case .currentTunnelTimeout:
            let established = facts.serverName != nil || facts.timeouts.serverConnected ? facts.timeouts.backendTunnelMs : nil
            return [.integer(Int64(facts.timeouts.tunnelOverrideMs ?? established ?? 0))]
        case .serverID: return facts.serverID.map { [.integer(Int64($0))] } ?? []
        case .pathQuery: return [.string(facts.path + (facts.query.map { "?" + $0 } ?? ""))]
        case .firstRequest: return [.boolean(facts.firstRequest)]
        case .cookie, .cookieValue:
            // Without a name, the first cookie of the request is the value (HAProxy 2.6).
            let named = !(fetch.arguments.first ?? "").isEmpty
            let values = cookies(facts, fetch.arguments.first).map(\.value).prefix(named ? Int.max : 1)
            guard fetch.name == .cookieValue else { return values.map { .string($0) } }
            return values.compactMap { SampleConverter.integer(.string($0)).map { .integer($0) } }
        case .cookieCount: return [.integer(Int64(cookies(facts, fetch.arguments.first).count))]
        case .capturedURI:
            // The received target without scheme and authority, as HAProxy captures it.
            let received = RequestFacts(target: facts.receivedTarget ?? facts.target)
            return [.string(received.path + (received.query.map { "?" + $0 } ?? ""))]
        case .capturedMethod: return [.string(facts.receivedMethod ?? facts.method)]
        case .capturedVersion: return [.string("HTTP/" + facts.version)]
        case .responseCookie:
            // `res.cook(NAME)`: the cookie each `Set-Cookie` line sets (its first pair), those named NAME.
            guard let response = facts.response else { return [] }
            let name = fetch.arguments.first ?? ""
            return RequestFacts.lineValues(response.headers, "set-cookie").compactMap { line in
                let pair = line.prefix { $0 != ";" }
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, name.isEmpty || parts[0].trimmingCharacters(in: " \t") == name else { return nil }
                return .string(parts[1].trimmingCharacters(in: " \t"))
            }
        case .capturedRequestHeader, .capturedResponseHeader:
            // A slot that exists and holds a value (`capture.req.hdr(0)`); an empty capture is a value.
            let slots = fetch.name == .capturedRequestHeader ? facts.requestCaptures : facts.responseCaptures
            guard let slot = fetch.arguments.first.flatMap({ Int($0) }), let value = slots.value(slot) else { return [] }
            return [.string(value)]
        case .date:
            let offset = fetch.arguments.first.flatMap { Int64($0) } ?? 0
            return [.integer(Int64(Date().timeIntervalSince1970) + offset)]
        case .sslServerName, .sslProtocol, .sslCipher, .sslALPN, .sslHasServerName, .sslClientCertificateUsed,
             .sslClientVerify, .sslClientSubject, .sslClientIssuer, .sslClientSerial, .sslClientNotAfter:
            return tlsSample(fetch, facts)
        }
    }

    /// The `ssl_fc_*` and `ssl_c_*` fetches: they fail on a clear-text connection, as in HAProxy.
    private static func tlsSample(_ fetch: Fetch, _ facts: RequestFacts) -> [Sample] {
        guard facts.tls, let session = facts.tlsSession else { return [] }
        let certificate = session.clientCertificate
        let text: String?
        switch fetch.name {
        case .sslServerName: text = session.serverName
        case .sslProtocol: text = session.protocolVersion
        case .sslCipher: text = session.cipher
        case .sslALPN: text = session.alpn
        case .sslHasServerName: return [.boolean(session.serverName != nil)]
        case .sslClientCertificateUsed: return [.boolean(certificate != nil)]
        // A failed verification aborts the handshake: a request always sees 0 (X509_V_OK).
        case .sslClientVerify: return [.integer(0)]
        case .sslClientSubject: text = certificate.flatMap { ClientCertificateFacts.distinguishedName($0.subject, fetch.arguments) }
        case .sslClientIssuer: text = certificate.flatMap { ClientCertificateFacts.distinguishedName($0.issuer, fetch.arguments) }
        // Binary, as HAProxy's: `ssl_c_serial,hex` gives the digits.
        case .sslClientSerial: return certificate.map { [.binary($0.serialBytes)] } ?? []
        case .sslClientNotAfter: text = certificate?.notAfter
        default: text = nil
        }
        return text.map { [.string($0)] } ?? []
    }

    /// `hdr(name,N)` over a header list: the Nth value (1-based), or counting from the end when negative.
    private static func headers(_ fields: [HTTPHeaderField], _ fetch: Fetch, full: Bool) -> [Sample] {
        guard let name = fetch.arguments.first, !name.isEmpty else { return fields.map { .string($0.value) } }
        let values = full ? RequestFacts.lineValues(fields, name) : RequestFacts.listValues(fields, name)
        return occurrence(values, fetch.arguments.dropFirst().first).map { .string($0) }
    }

    /// The Nth value (1-based) of a list, or counting from the end when negative.
    private static func occurrence(_ values: [String], _ argument: String?) -> [String] {
        guard let argument, let position = Int(argument), position != 0 else { return values }
        let index = position > 0 ? position - 1 : values.count + position
        return values.indices.contains(index) ? [values[index]] : []
    }

    /// The `Cookie` header's cookies named `name` (every cookie when the name is empty or absent).
    private static func cookies(_ facts: RequestFacts, _ name: String?) -> [(name: String, value: String)] {
        facts.fullHeaderValues("cookie").flatMap { $0.split(separator: ";") }.compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: " \t")
            guard name.map({ $0.isEmpty || $0 == key }) ?? true else { return nil }
            return (key, parts.count > 1 ? parts[1].trimmingCharacters(in: " \t") : "")
        }
    }

    /// `url_param(name[,delimiter])`: the first value of the parameter in the query string.
    private static func urlParameter(_ facts: RequestFacts, _ arguments: [String]) -> [Sample] {
        guard let query = facts.query else { return [] }
        let delimiter = arguments.count > 1 ? Character(arguments[1].isEmpty ? "&" : String(arguments[1].prefix(1))) : "&"
        for pair in query.split(separator: delimiter, omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if let name = arguments.first, !name.isEmpty, parts[0] != name { continue }
            return [.string(parts.count > 1 ? String(parts[1]) : "")]
        }
        return []
    }

    /// The bytes written as hex digits (`bin(746F746F)`), nil when the text is not an even run of them.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return try? stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw CocoaError(.formatting)
            }
            return byte
        }
    }

    /// An address without a trailing port (`192.0.2.1:80`); IPv6 addresses are kept whole.
    private static func addressPart(_ text: String) -> String {
        if IPAddressBytes(text) != nil { return text }
        guard let colon = text.lastIndex(of: ":") else { return text }
        return String(text[..<colon])
    }

    /// The value of a log-format string for a request.
    static func render(_ format: LogFormat, _ facts: RequestFacts) -> String {
        format.parts.map { part in
            switch part {
            case .literal(let text): text
            case .fetch(let sampleFetch), .flaggedFetch(let sampleFetch, _): value(sampleFetch, facts)?.stringValue ?? ""
            // Log variables need a transaction: the log line renderer of the engine prints them.
            case .separator: " "
            case .variable, .unavailable: ""
            }
        }.joined()
    }
}

extension LogFormat {
    /// The string for a request, with each sample expression replaced by its value (empty when it fails).
    public func render(_ facts: RequestFacts) -> String { SampleFetcher.render(self, facts) }
}

extension Fetch {
    /// The value of this sample expression for a request (`set-var`), nil when it fails.
    public func value(_ facts: RequestFacts) -> Sample? { SampleFetcher.value(self, facts) }
}
