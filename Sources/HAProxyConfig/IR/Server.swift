import ConfigDiagnostics

/// A `server` line (or the `default-server` settings of a proxy).
public struct Server: Sendable, Hashable, Codable {
    public var name: String
    /// The name's place (the keyword's for `default-server`).
    public var nameRange: SourceRange
    /// nil for `default-server`.
    public var address: ConfigAddress?
    /// The address as written (a name may need resolving at start-up).
    public var addressText: String?
    public var addressRange: SourceRange?
    public var options: [NamedOption]
    public var range: SourceRange

    /// The value of the last occurrence of an option, if present.
    public func option(_ name: String) -> NamedOption? { options.last { $0.name == name } }

    /// Whether a flag is set (`check`, `backup`, `ssl`) and not cancelled by its `no-` form.
    public func flag(_ name: String) -> Bool {
        guard let index = options.lastIndex(where: { $0.name == name || $0.name == "no-" + name }) else { return false }
        return options[index].name == name
    }

    public var checks: Bool { flag("check") }
    public var isBackup: Bool { flag("backup") }
    public var usesTLS: Bool { flag("ssl") }
    public var weight: Int? { option("weight")?.value.flatMap { Int($0) } }
    public var maxconn: Int? { option("maxconn")?.value.flatMap { Int($0) } }
    public var rise: Int? { option("rise")?.value.flatMap { Int($0) } }
    public var fall: Int? { option("fall")?.value.flatMap { Int($0) } }
    public var checkInterval: Duration? { option("inter")?.value.flatMap { try? Duration.parse($0).get() } }
}
