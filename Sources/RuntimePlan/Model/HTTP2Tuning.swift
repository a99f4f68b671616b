/// The `tune.h2.*` settings of `global`: what the engine announces in the
/// first SETTINGS frame of every HTTP/2 connection from clients, and the
/// limits it applies to them. HAProxy 2.6's defaults when not written.
public struct HTTP2Tuning: Sendable, Hashable, Codable {
    /// `tune.h2.header-table-size`: the HPACK dynamic table the engine decodes with (4096 to 65536).
    public var headerTableSize: Int
    /// `tune.h2.initial-window-size`: the bytes of request body a stream may send before a WINDOW_UPDATE.
    public var initialWindowSize: Int
    /// `tune.h2.max-concurrent-streams`: the open streams a connection may have; 0 is no limit (nothing announced).
    public var maxConcurrentStreams: Int
    /// `tune.h2.max-frame-size`, already capped at `tune.bufsize` as HAProxy caps it (nil: the buffer size).
    public var maxFrameSize: Int?

    public init(headerTableSize: Int = 4_096, initialWindowSize: Int = 65_535, maxConcurrentStreams: Int = 100,
                maxFrameSize: Int? = nil) {
        self.headerTableSize = headerTableSize
        self.initialWindowSize = initialWindowSize
        self.maxConcurrentStreams = maxConcurrentStreams
        self.maxFrameSize = maxFrameSize
    }
}
