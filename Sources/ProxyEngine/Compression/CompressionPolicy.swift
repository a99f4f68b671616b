import RuntimePlan

/// What one transaction's proxies say about compression, and HAProxy 2.6's
/// decisions from it (src/flt_http_comp.c `select_compression_request_header`
/// and `select_compression_response_header`): the backend's algorithms and
/// types win over the frontend's, `offload` on either side counts.
struct CompressionPolicy: Sendable {
    let algorithms: [CompressionAlgorithm]
    let types: [String]
    let offload: Bool

    /// Nil when neither side has a `compression` line.
    init?(frontend: CompressionPlan?, backend: CompressionPlan?) {
        guard frontend != nil || backend != nil else { return nil }
        algorithms = backend.map(\.algorithms).flatMap { $0.isEmpty ? nil : $0 } ?? frontend?.algorithms ?? []
        types = backend.map(\.types).flatMap { $0.isEmpty ? nil : $0 } ?? frontend?.types ?? []
        offload = backend?.offload == true || frontend?.offload == true
    }

    /// The algorithm a request accepts: the first `Accept-Encoding` item with
    /// the highest q-value that names a configured algorithm (`*` takes the
    /// first of the list), else `identity` when configured; nil for none.
    /// `acceptEncoding` holds the comma-separated items of every such header, in order.
    func algorithm(acceptEncoding: [String], userAgent: String?) -> CompressionAlgorithm? {
        if let userAgent, Self.isOldMozilla(Array(userAgent.utf8)) { return nil }
        return negotiated(acceptEncoding) ?? (algorithms.contains(.identity) ? .identity : nil)
    }

    /// The algorithm `Accept-Encoding` names (without the `identity` fallback):
    /// only then does `compression offload` remove the header.
    func negotiated(_ acceptEncoding: [String]) -> CompressionAlgorithm? {
        var best: CompressionAlgorithm?
        var bestQ = 0
        for item in acceptEncoding {
            let bytes = Array(item.utf8)
            let tokenLength = bytes.prefix { Self.isToken($0) }.count
            let q = Self.qValue(bytes[tokenLength...])
            guard q > bestQ else { continue }
            let token = String(decoding: bytes[..<tokenLength], as: UTF8.self).lowercased()
            if let match = algorithms.first(where: { bytes.first == UInt8(ascii: "*") || $0.token == token }) {
                best = match
                bestQ = q
            }
        }
        return best
    }

    /// Whether a response may be compressed, the request having chosen an algorithm.
    func compresses(_ response: CompressionResponseFacts) -> Bool {
        guard response.isHTTP11, response.requestIsHTTP11, !response.requestIsHead,
              (200...203).contains(response.status), response.hasDelimitedBody,
              !response.hasContentEncoding,
              !response.cacheControl.contains(where: { $0.lowercased() == "no-transform" }),
              response.etags.count <= 1, response.etags.allSatisfy(Self.isValidETag) else { return false }
        guard let contentType = response.contentType else { return types.isEmpty }
        if contentType.lowercased().hasPrefix("multipart") { return false }
        return types.isEmpty || types.contains { contentType.lowercased().hasPrefix($0.lowercased()) }
    }

    /// HAProxy's test for old browsers: `Mozilla/4` unless MSIE 6 SV1 or MSIE 7 and later.
    static func isOldMozilla(_ agent: [UInt8]) -> Bool {
        guard agent.count >= 9, agent.starts(with: Array("Mozilla/4".utf8)) else { return false }
        if agent.count < 31 || !agent[25..<30].elementsEqual("MSIE ".utf8) || agent[30] < UInt8(ascii: "6") { return true }
        return agent[30] == UInt8(ascii: "6") && (agent.count < 54 || !agent[51..<54].elementsEqual("SV1".utf8))
    }

    /// An ETag HAProxy accepts: `"…"` or `W/"…"`.
    static func isValidETag(_ value: String) -> Bool {
        let body = value.hasPrefix("W/") ? value.dropFirst(2) : Substring(value)
        return body.count >= 2 && body.first == "\"" && body.last == "\""
    }

    /// The `q=` parameter of an item in thousandths (1000 without one), as `http_parse_qvalue` reads it.
    static func qValue(_ parameters: ArraySlice<UInt8>) -> Int {
        for parameter in parameters.split(separator: UInt8(ascii: ";")).dropFirst(parameters.first == UInt8(ascii: ";") ? 0 : 1) {
            let trimmed = parameter.drop { $0 == H1Bytes.space || $0 == H1Bytes.tab }
            guard trimmed.starts(with: Array("q=".utf8)) else { continue }
            let digits = Array(trimmed.dropFirst(2))
            guard let first = digits.first, let whole = digitValue(first) else { return 1000 }
            var q = whole * 1000
            if digits.count > 1, digits[1] == UInt8(ascii: ".") {
                var scale = 100
                for byte in digits.dropFirst(2).prefix(3) {
                    guard let digit = digitValue(byte) else { break }
                    q += digit * scale
                    scale /= 10
                }
            }
            return min(q, 1000)
        }
        return 1000
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func isToken(_ byte: UInt8) -> Bool { H1Bytes.token[Int(byte)] }
}

/// What the compression decision reads of a response and its request.
struct CompressionResponseFacts {
    var status: Int
    var isHTTP11: Bool
    var requestIsHTTP11: Bool
    var requestIsHead: Bool
    /// The body has a length above zero or is chunked (HAProxy compresses no body delimited by the close).
    var hasDelimitedBody: Bool
    var hasContentEncoding: Bool
    /// The items of every `Cache-Control` header.
    var cacheControl: [String]
    /// The value of every `ETag` header.
    var etags: [String]
    /// The first `Content-Type`, whole.
    var contentType: String?
}
