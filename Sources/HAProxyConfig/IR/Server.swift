import ConfigDiagnostics

/// A `server` line (or the `default-server` settings of a proxy).
public struct Server: Sendable, Hashable, Codable {
    /// The values of a server, shared between copies until one of them changes.
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        @usableFromInline var name: String
        @usableFromInline var nameRange: SourceRange
        @usableFromInline var address: ConfigAddress?
        @usableFromInline var addressText: String?
        @usableFromInline var addressRange: SourceRange?
        @usableFromInline var options: [NamedOption]
        @usableFromInline var range: SourceRange
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    /// Decoded from the server's fields, as if they were stored in it directly.
    public init(from decoder: Decoder) throws { fields = try CopyOnWrite(from: decoder) }

    /// Encoded as the server's fields, as if they were stored in it directly.
    public func encode(to encoder: Encoder) throws { try fields.encode(to: encoder) }

    public var name: String {
        @inlinable get { fields.value.name }
        @inlinable _modify { yield &fields.value.name }
    }

    /// The name's place (the keyword's for `default-server`).
    public var nameRange: SourceRange {
        @inlinable get { fields.value.nameRange }
        @inlinable _modify { yield &fields.value.nameRange }
    }

    /// nil for `default-server`.
    public var address: ConfigAddress? {
        @inlinable get { fields.value.address }
        @inlinable _modify { yield &fields.value.address }
    }

    /// The address as written (a name may need resolving at start-up).
    public var addressText: String? {
        @inlinable get { fields.value.addressText }
        @inlinable _modify { yield &fields.value.addressText }
    }

    public var addressRange: SourceRange? {
        @inlinable get { fields.value.addressRange }
        @inlinable _modify { yield &fields.value.addressRange }
    }

    public var options: [NamedOption] {
        @inlinable get { fields.value.options }
        @inlinable _modify { yield &fields.value.options }
    }

    public var range: SourceRange {
        @inlinable get { fields.value.range }
        @inlinable _modify { yield &fields.value.range }
    }

    init(name: String, nameRange: SourceRange, address: ConfigAddress?, addressText: String?,
         addressRange: SourceRange?, options: [NamedOption], range: SourceRange) {
        fields = CopyOnWrite(Fields(name: name, nameRange: nameRange, address: address, addressText: addressText,
                                    addressRange: addressRange, options: options, range: range))
    }

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
    public var weight: Int? { option("weight")?.value.flatMap { Int(leadingDigitsOf: $0) } }
    public var maxconn: Int? { option("maxconn")?.value.flatMap { Int(leadingDigitsOf: $0) } }
}
