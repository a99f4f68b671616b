/// A position in a source file: byte offset plus 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }
}

/// A half-open range `[start, end)` in one file.
public struct SourceRange: Sendable, Hashable, Codable {
    /// The file's path, interned: `InternedPath` never frees one, so the
    /// range holds it without a reference count.
    private unowned(unsafe) var interned: InternedPath
    public var start: SourceLocation
    public var end: SourceLocation

    /// The path of the file, as the user named it.
    public var file: String {
        get { interned.path }
        set { interned = InternedPath.named(newValue) }
    }

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.init(interned: InternedPath.named(file), start: start, end: end)
    }

    /// A range in a file whose path is already interned (`SourceFile` interns its path once).
    init(interned: InternedPath, start: SourceLocation, end: SourceLocation) {
        self.interned = interned
        self.start = start
        self.end = end
    }

    /// A range of the same file between other bounds.
    public func with(start: SourceLocation, end: SourceLocation) -> SourceRange {
        SourceRange(interned: interned, start: start, end: end)
    }

    /// A range that covers both ranges (they must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        with(start: min(start, other.start), end: max(end, other.end))
    }

    /// Whether two ranges are in the same file (a pointer comparison).
    public func isInSameFile(as other: SourceRange) -> Bool { interned === other.interned }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.interned === rhs.interned && lhs.start == rhs.start && lhs.end == rhs.end
    }

    /// The file and the two offsets (a line and column follow from the offset): rules key
    /// dictionaries by range, and hashing six numbers cost twice the time of two.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(interned))
        hasher.combine(start.offset)
        hasher.combine(end.offset)
    }

    private enum CodingKeys: String, CodingKey {
        case file, start, end
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try container.decode(String.self, forKey: .file),
                  start: try container.decode(SourceLocation.self, forKey: .start),
                  end: try container.decode(SourceLocation.self, forKey: .end))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
