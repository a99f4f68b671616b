/// What a `track-sc0|1|2`, `sc-inc-gpc*` or `sc-set-gpt*` action does, compiled.
public struct StickCounterAction: Sendable, Hashable, Codable {
    /// The action.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `track-scN KEY [table T]`: the stream's counter N follows the entry of KEY.
        case track
        /// `sc-inc-gpc(IDX,N)`, `sc-inc-gpc0(N)`, `sc-inc-gpc1(N)`.
        case incrementGPC = "sc-inc-gpc"
        /// `sc-set-gpt(IDX,N) INT`, `sc-set-gpt0(N) INT`.
        case setGPT = "sc-set-gpt"
    }

    public var kind: Kind
    /// The tracking counter: 0, 1 or 2.
    public var slot: Int
    /// The key expression of `track-sc`.
    public var key: Fetch?
    /// The table of `track-sc` (the proxy's own when not given).
    public var table: String?
    /// The data type changed: `gpc0`, `gpc1`, `gpc` (with `index`), `gpt0`, `gpt`.
    public var data: StickDataType?
    /// The element of `gpc(n)` and `gpt(n)`.
    public var index: Int
    /// The value of `sc-set-gpt`.
    public var value: Int64?

    public init(kind: Kind, slot: Int, key: Fetch? = nil, table: String? = nil, data: StickDataType? = nil, index: Int = 0,
                value: Int64? = nil) {
        self.kind = kind
        self.slot = slot
        self.key = key
        self.table = table
        self.data = data
        self.index = index
        self.value = value
    }
}

/// A `sc_*`, `sc0_*`…`sc2_*` or `src_*` fetch: which entry, which value.
public struct StickCounterFetch: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the entry comes from.
    public enum Origin: Sendable, Hashable, Codable {
        /// The entry tracked by counter N.
        case slot(Int)
        /// The entry of the client's address (`src_*`).
        case source
    }

    public var origin: Origin
    /// The value asked for, as after the prefix: `http_req_rate`, `conn_cur`, `get_gpc0`, `tracked`…
    public var item: String
    /// The element of `get_gpc(IDX…)`, `inc_gpc`, `clr_gpc`, `get_gpt`, `gpc_rate`.
    public var index: Int?
    /// Another table to look the same key up in (the proxy's own when nil).
    public var table: String?

    public init(origin: Origin, item: String, index: Int? = nil, table: String? = nil) {
        self.origin = origin
        self.item = item
        self.index = index
        self.table = table
    }

    /// The fetch in its `scN_`/`src_` form.
    public var description: String {
        let prefix: String
        switch origin {
        case .slot(let slot): prefix = "sc\(slot)_"
        case .source: prefix = "src_"
        }
        let arguments = (index.map { [String($0)] } ?? []) + (table.map { [$0] } ?? [])
        return prefix + item + (arguments.isEmpty ? "" : "(\(arguments.joined(separator: ",")))")
    }
}
