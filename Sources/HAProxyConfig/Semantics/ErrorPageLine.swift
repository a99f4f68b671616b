import ConfigDiagnostics

/// A line that sets a proxy's error pages, read once as HAProxy 2.6 reads it: `errorfile STATUS FILE`,
/// `errorfiles NAME [STATUS…]` (the pages of the `http-errors NAME` section, all of them or those listed), and
/// `http-error status STATUS` with `errorfile FILE`, `errorfiles NAME` or `default-errorfiles`. The checker's
/// `http-errors-undefined` and the planner's error pages read it.
public struct ErrorPageLine: Sendable, Hashable {
    /// Where the pages come from.
    public enum Source: Sendable, Hashable {
        /// A file holding one raw HTTP response.
        case file(String)
        /// The pages of an `http-errors` section: those of `statuses`, all of them when it is empty.
        case section(String, statuses: [Int])
        /// HAProxy's own page again.
        case haproxyDefault
    }

    /// The status the line sets; nil for `errorfiles`, which sets the section's.
    public var status: Int?
    public var source: Source
    /// Where the `http-errors` section's name is written.
    public var sectionNameRange: SourceRange?

    /// The reading of an `errorfile`, `errorfiles` or `http-error` line; nil for any other line, or a shape these
    /// keywords do not take (other rules report those).
    public init?(_ line: Directive) {
        let words = line.arguments
        func range(_ index: Int) -> SourceRange { index < line.argumentRanges.count ? line.argumentRanges[index] : line.range }
        switch line.keyword {
        case "errorfile":
            guard words.count == 2, let status = Int(words[0]) else { return nil }
            self.status = status
            source = .file(words[1])
        case "errorfiles":
            guard let name = words.first else { return nil }
            let statuses = words.dropFirst().compactMap { Int($0) }
            guard statuses.count == words.count - 1 else { return nil }
            source = .section(name, statuses: statuses)
            sectionNameRange = range(0)
        case "http-error":
            guard words.count >= 3, words[0] == "status", let status = Int(words[1]) else { return nil }
            self.status = status
            switch (words[2], words.count) {
            case ("errorfile", 4): source = .file(words[3])
            case ("errorfiles", 4):
                source = .section(words[3], statuses: [status])
                sectionNameRange = range(3)
            case ("default-errorfiles", 3): source = .haproxyDefault
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The message for a line that names an `http-errors` section the configuration does not have.
    public static func undefinedSectionMessage(_ name: String) -> String { "unknown http-errors section '\(name)'" }
}
