/// A proxy's `compression` lines: the algorithms it may use, the response
/// types it compresses and whether it removes `Accept-Encoding` toward the
/// server. A proxy inherits the algorithms and types of its `defaults`
/// section and adds its own (`offload` is never inherited, as in HAProxy 2.6).
public struct CompressionPlan: Sendable, Hashable, Codable {
    /// The algorithms in HAProxy's list order: each `compression algo` word
    /// goes in front of those before it, so the last one written comes first
    /// (a request's `Accept-Encoding: *` takes that one).
    public var algorithms: [CompressionAlgorithm]
    /// Content-Type prefixes to compress (case-insensitive); empty means any type.
    public var types: [String]
    /// `compression offload`: every `Accept-Encoding` is removed from requests that will be compressed.
    public var offload: Bool

    public init(algorithms: [CompressionAlgorithm] = [], types: [String] = [], offload: Bool = false) {
        self.algorithms = algorithms
        self.types = types
        self.offload = offload
    }
}

/// An algorithm of `compression algo`.
public enum CompressionAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// No compression: chosen when nothing else matches, and no header changes.
    case identity
    /// gzip framing (RFC 1952).
    case gzip
    /// zlib framing (RFC 1950), HTTP's `deflate`.
    case deflate
    /// deflate without the zlib framing, announced as `deflate` (some old browsers expect this).
    case rawDeflate = "raw-deflate"

    /// The content-coding token matched in `Accept-Encoding` and sent in `Content-Encoding`.
    public var token: String {
        switch self {
        case .identity: "identity"
        case .gzip: "gzip"
        case .deflate, .rawDeflate: "deflate"
        }
    }
}
