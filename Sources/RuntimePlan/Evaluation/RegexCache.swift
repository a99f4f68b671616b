import Foundation

/// Regular expressions compiled once. `NSRegularExpression` is immutable
/// and documented as safe to share between threads.
struct RegexCache: @unchecked Sendable {
    /// A pattern and whether it ignores case.
    struct Key: Hashable {
        var pattern: String
        var ignoreCase: Bool
    }

    private let compiled: [Key: NSRegularExpression]

    init(_ keys: Set<Key>) {
        var compiled: [Key: NSRegularExpression] = [:]
        for key in keys { compiled[key] = Self.compile(key) }
        self.compiled = compiled
    }

    func matches(_ text: String, _ key: Key) -> Bool {
        guard let regex = compiled[key] ?? Self.compile(key) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func compile(_ key: Key) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: key.pattern, options: key.ignoreCase ? [.caseInsensitive] : [])
    }
}
