import ConfigDiagnostics

/// A `retry-on` line read once, as HAProxy 2.6 reads it (`proxy_parse_retry_on`): the failures after which a
/// request is sent again, `none` alone, or each of `conn-failure`, `empty-response`, `junk-response`,
/// `response-timeout`, `0rtt-rejected`, a status HAProxy retries on, and `all-retryable-errors` (every failure
/// with 500, 502, 503 and 504). The checker's `retry-on-invalid` reports its problem and the planner compiles
/// the engine's retry policy from it.
public struct RetryOnSpec: Sendable, Hashable {
    /// A failure after which the request is sent again.
    public enum Failure: String, Sendable, Hashable, CaseIterable {
        case connectionFailure = "conn-failure"
        case emptyResponse = "empty-response"
        case junkResponse = "junk-response"
        case responseTimeout = "response-timeout"
        case earlyDataRejected = "0rtt-rejected"
    }

    /// What HAProxy refuses in the line, with its message and the word at fault.
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var range: SourceRange
    }

    /// The failures retried (none for `none`).
    public var failures: Set<Failure> = []
    /// The response statuses retried.
    public var statuses: Set<Int> = []
    /// The first thing HAProxy refuses, if any: then the line stops the configuration.
    public var problem: Problem?

    /// Reads a `retry-on` line's words; `ranges` has one range per word where known, `line` stands for the others.
    public init(words: [String], ranges: [SourceRange], line: SourceRange) {
        func at(_ index: Int) -> SourceRange { index < ranges.count ? ranges[index] : line }
        guard !words.isEmpty else {
            problem = Problem(message: "'retry-on' needs at least one keyword to specify when to retry", range: line)
            return
        }
        for (index, word) in words.enumerated() {
            if word == "none" {
                guard words.count == 1 else {
                    problem = Problem(message: "'retry-on' 'none' keyworld only usable alone", range: at(index))
                    return
                }
            } else if let failure = Failure(rawValue: word) {
                failures.insert(failure)
            } else if word == "all-retryable-errors" {
                failures.formUnion(Failure.allCases)
                statuses.formUnion([500, 502, 503, 504])
            } else if let status = Int(word), Self.retryableStatuses.contains(status), String(status) == word {
                statuses.insert(status)
            } else {
                problem = Problem(message: "'retry-on': unknown keyword '\(word)'", range: at(index))
                return
            }
        }
    }

    /// The line in force of a proxy (a later one replaces an earlier one).
    public init?(_ proxy: Proxy) {
        guard let line = proxy.directives("retry-on").last else { return nil }
        self.init(words: line.arguments, ranges: line.argumentRanges, line: line.range)
    }

    /// The statuses `retry-on` accepts.
    public static let retryableStatuses: Set<Int> = [401, 403, 404, 408, 425, 500, 501, 502, 503, 504]
}
