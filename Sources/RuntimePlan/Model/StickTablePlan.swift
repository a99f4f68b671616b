/// A `stick-table` line of a proxy, compiled: the key, the size, the expiry
/// and the data stored with each entry (doc/configuration.txt `stick-table`).
public struct StickTablePlan: Sendable, Hashable, Codable {
    /// The type of the key.
    public enum KeyType: String, Sendable, Hashable, Codable {
        case ip, ipv6, integer, string, binary
    }

    /// The table's name: the proxy's name.
    public var name: String
    public var keyType: KeyType
    /// The key's bytes: 4 for ip and integer, 16 for ipv6, `len` for string and binary (32 when not given).
    public var keyLength: Int
    /// HAProxy's key size when it differs from `keyLength`: `len N` on a string table
    /// counts the closing NUL (N + 1). The peers protocol's table definition carries it.
    public var wireKeySize: Int?
    /// The most entries the table holds.
    public var size: Int
    /// How long an entry that is not used lives; nil: forever.
    public var expireMs: Int?
    /// `nopurge`: a full table refuses new entries instead of dropping the oldest.
    public var nopurge: Bool
    /// The `peers` section the table is shared through.
    public var peers: String?
    /// The data stored with each entry, in data-type order.
    public var stored: [StickDataPlan]
    public var source: SourceRef

    public init(name: String, keyType: KeyType, keyLength: Int, size: Int, expireMs: Int? = nil, nopurge: Bool = false,
                peers: String? = nil, stored: [StickDataPlan] = [], source: SourceRef) {
        self.name = name
        self.keyType = keyType
        self.keyLength = keyLength
        self.size = size
        self.expireMs = expireMs
        self.nopurge = nopurge
        self.peers = peers
        self.stored = stored
        self.source = source
    }

    /// The key size HAProxy announces in a peers table definition.
    public var peersKeySize: Int { wireKeySize ?? keyLength }

    /// The stored entry of a data type, if the table stores it.
    public func stored(_ type: StickDataType) -> StickDataPlan? { stored.first { $0.type == type } }
}

/// One `store` item: a data type with its period (rates) or element count (arrays).
public struct StickDataPlan: Sendable, Hashable, Codable {
    public var type: StickDataType
    /// The period of a rate, in milliseconds.
    public var periodMs: Int?
    /// The elements of `gpt(n)`, `gpc(n)`, `gpc_rate(n,p)`.
    public var count: Int?

    public init(type: StickDataType, periodMs: Int? = nil, count: Int? = nil) {
        self.type = type
        self.periodMs = periodMs
        self.count = count
    }
}

/// The data types a stick table stores, named as in `store`; the case order
/// is HAProxy's data-type id (the peers protocol's bit number).
public enum StickDataType: String, Sendable, Hashable, Codable, CaseIterable {
    case serverID = "server_id", gpt0, gpc0, gpc0Rate = "gpc0_rate", connCount = "conn_cnt", connRate = "conn_rate"
    case connCurrent = "conn_cur", sessionCount = "sess_cnt", sessionRate = "sess_rate"
    case httpRequestCount = "http_req_cnt", httpRequestRate = "http_req_rate"
    case httpErrorCount = "http_err_cnt", httpErrorRate = "http_err_rate"
    case bytesInCount = "bytes_in_cnt", bytesInRate = "bytes_in_rate", bytesOutCount = "bytes_out_cnt"
    case bytesOutRate = "bytes_out_rate", gpc1, gpc1Rate = "gpc1_rate", serverKey = "server_key"
    case httpFailCount = "http_fail_cnt", httpFailRate = "http_fail_rate", gpt, gpc, gpcRate = "gpc_rate"

    /// HAProxy's id of the type.
    public var id: Int { Self.allCases.firstIndex(of: self)! }

    /// Whether the type is a frequency counter over a period.
    public var isRate: Bool {
        switch self {
        case .gpc0Rate, .connRate, .sessionRate, .httpRequestRate, .httpErrorRate, .bytesInRate, .bytesOutRate, .gpc1Rate,
             .httpFailRate, .gpcRate: true
        default: false
        }
    }

    /// Whether the type is an array (`gpt(n)`, `gpc(n)`, `gpc_rate(n,p)`).
    public var isArray: Bool { self == .gpt || self == .gpc || self == .gpcRate }
}
