/// The algorithms HAProxy 2.6 takes in `compression algo` (src/comp.c
/// `comp_algos`); any other name stops haproxy.
public enum CompressionAlgorithmName: String, Sendable, Hashable, CaseIterable {
    case gzip
    case deflate
    /// deflate without the zlib framing.
    case rawDeflate = "raw-deflate"
    /// No compression (for tests).
    case identity
}
