/// How serious a finding is. `error` fails a lint run; `warning` fails it
/// only with `--strict`; `note` is information.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable, kebab-case identifier of the rule that produced a diagnostic.
public struct RuleID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A suggested edit: replace the text in `range` by `replacement`.
public struct FixIt: Sendable, Hashable, Codable {
    public var message: String
    public var range: SourceRange
    public var replacement: String

    public init(message: String, range: SourceRange, replacement: String) {
        self.message = message
        self.range = range
        self.replacement = replacement
    }
}

/// A secondary message attached to a diagnostic, optionally at its own place.
public struct DiagnosticNote: Sendable, Hashable, Codable {
    public var message: String
    public var range: SourceRange?

    public init(message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One finding: where, how serious, which rule, what and how to fix it.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var rule: RuleID
    public var message: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]
    public var fixIts: [FixIt]

    public init(
        _ severity: Severity, _ rule: RuleID, _ message: String, at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIts: [FixIt] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, then position, then rule id.
    public func sortedForOutput() -> [Diagnostic] {
        // By file, offset, rule, message; the file's path is compared only when the files differ.
        let inOrder: (Diagnostic, Diagnostic) -> Bool = { first, second in
            if !first.range.isInSameFile(as: second.range) { return first.range.file < second.range.file }
            if first.range.start.offset != second.range.start.offset {
                return first.range.start.offset < second.range.start.offset
            }
            if first.rule != second.rule { return first.rule.rawValue < second.rule.rawValue }
            return first.message < second.message
        }
        // Lists pass through several stages that each want reading order: one
        // already sorted is returned as is rather than copied.
        if indices.dropFirst().allSatisfy({ !inOrder(self[$0], self[$0 - 1]) }) { return self }
        return sorted(by: inOrder)
    }

    /// Whether any diagnostic has at least the given severity.
    public func contains(atLeast severity: Severity) -> Bool {
        contains { $0.severity >= severity }
    }
}

/// A diagnostic can be the failure of an operation (a file that cannot be read).
extension Diagnostic: Error {}
