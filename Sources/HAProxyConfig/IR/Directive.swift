import ConfigDiagnostics

/// Any keyword line, kept with its words and place so that nothing the IR
/// does not model is ever lost.
public struct Directive: Sendable, Hashable, Codable {
    /// The values of a directive, shared between copies until one of them changes.
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        @usableFromInline var keyword: String
        @usableFromInline var modifier: Statement.Modifier?
        @usableFromInline var arguments: [String]
        @usableFromInline var argumentRanges: [SourceRange]
        @usableFromInline var range: SourceRange
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    /// Decoded from the directive's fields, as if they were stored in it directly.
    public init(from decoder: Decoder) throws { fields = try CopyOnWrite(from: decoder) }

    /// Encoded as the directive's fields, as if they were stored in it directly.
    public func encode(to encoder: Encoder) throws { try fields.encode(to: encoder) }

    /// The keyword as the grammar names it (`timeout connect`, `option httplog`,
    /// `http-request deny`), or the first word when the keyword is unknown.
    public var keyword: String {
        @inlinable get { fields.value.keyword }
        @inlinable _modify { yield &fields.value.keyword }
    }

    public var modifier: Statement.Modifier? {
        @inlinable get { fields.value.modifier }
        @inlinable _modify { yield &fields.value.modifier }
    }

    /// The words after the keyword.
    public var arguments: [String] {
        @inlinable get { fields.value.arguments }
        @inlinable _modify { yield &fields.value.arguments }
    }

    /// Where each argument is.
    public var argumentRanges: [SourceRange] {
        @inlinable get { fields.value.argumentRanges }
        @inlinable _modify { yield &fields.value.argumentRanges }
    }

    public var range: SourceRange {
        @inlinable get { fields.value.range }
        @inlinable _modify { yield &fields.value.range }
    }

    public init(keyword: String, modifier: Statement.Modifier? = nil, arguments: [String],
                argumentRanges: [SourceRange], range: SourceRange) {
        fields = CopyOnWrite(Fields(keyword: keyword, modifier: modifier, arguments: arguments,
                                    argumentRanges: argumentRanges, range: range))
    }
}

/// A section the IR does not model in detail (`mailers`, `ring`, `cache`,
/// `program`, `http-errors`, …): its header and directives.
public struct GenericSection: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String?
    public var directives: [Directive]
    public var range: SourceRange
}
