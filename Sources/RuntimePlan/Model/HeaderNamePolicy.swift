/// `option http-restrict-req-hdr-names delete|reject`: what happens to a request whose header names hold a
/// character outside `[A-Za-z0-9-]`, once the proxy's `http-request` rules have run (`preserve` is no policy).
public enum HeaderNamePolicy: String, Sendable, Hashable, Codable {
    /// Such headers are removed.
    case delete
    /// The request is denied with a 403.
    case reject

    /// Whether a header name passes the filter: ASCII letters, digits and `-` only.
    public static func allows(_ name: String) -> Bool {
        name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }
    }
}
