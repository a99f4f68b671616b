import HAProxyConfig

extension Directive {
    /// Whether the line can hold a sample expression (`acl`, `http-request`,
    /// `use_backend … if`, `log-format`…). `server`, `default-server` and
    /// `bind` lines, the bulk of large configurations, take addresses and
    /// options; `timeout` and `option` lines take values; `stick-table`
    /// declares data types whose names look like fetches.
    var mayHoldExpressions: Bool {
        switch keyword {
        case "server", "default-server", "bind", "balance", "mode", "maxconn", "stick-table", "cookie": false
        default: !keyword.hasPrefix("timeout ") && !keyword.hasPrefix("option ")
        }
    }
}
