import ConfigDiagnostics
import HAProxyConfig

/// A line that sets a proxy's traffic log format: `log-format`, or one of
/// the `option httplog`, `option httpslog` and `option tcplog` presets.
struct LogFormatSetting {
    /// The setting as HAProxy names it (`log-format`, `option httplog clf`…).
    var name: String
    var line: Directive

    init?(_ line: Directive) {
        guard line.modifier == nil else { return nil }
        switch line.keyword {
        case "log-format", "option httpslog", "option tcplog": name = line.keyword
        case "option httplog": name = line.arguments.first == "clf" ? "option httplog clf" : "option httplog"
        default: return nil
        }
        self.line = line
    }

    /// Whether the preset logs HTTP fields, which a tcp proxy does not have.
    var isHTTPPreset: Bool { name.hasPrefix("option httplog") || name == "option httpslog" }

    /// The format in force in a proxy: its own last setting, else its defaults'.
    static func inForce(_ proxy: EffectiveProxy) -> LogFormatSetting? {
        for layer in [proxy.proxy] + proxy.chain {
            if let setting = layer.directives.reversed().lazy.compactMap(LogFormatSetting.init).first { return setting }
        }
        return nil
    }
}
