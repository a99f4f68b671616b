import ConfigDiagnostics

/// A `bind` line: one or more addresses and the listener's options.
public struct Bind: Sendable, Hashable, Codable {
    public var addresses: [ConfigAddress]
    /// Options in order; a flag has no value.
    public var options: [NamedOption]
    public var range: SourceRange

    /// Whether the listener terminates TLS.
    public var isTLS: Bool { options.contains { $0.name == "ssl" } }

    /// Certificate paths named by `crt`.
    public var certificates: [String] { options.filter { $0.name == "crt" }.compactMap(\.value) }
}

/// An option of a `bind` or `server` line (`check`, `inter 2s`, `crt x.pem`).
public struct NamedOption: Sendable, Hashable, Codable {
    public var name: String
    public var value: String?
    /// Extra values for the few options that take more than one word.
    public var extraValues: [String]
    public var range: SourceRange

    public init(name: String, value: String? = nil, extraValues: [String] = [], range: SourceRange) {
        self.name = name
        self.value = value
        self.extraValues = extraValues
        self.range = range
    }
}
