/// When HAProxy evaluates a proxy's lines for one stream, earliest first:
/// `tcp-request connection`, `session`, `content`, then `http-request`,
/// then routing (`redirect`, `use_backend`, `stick`, `use-server`, …),
/// then responses and logs.
enum RulePhase: Int, Comparable {
    case connection, session, content, httpRequest, routing, response

    init(keyword: String) {
        if keyword.hasPrefix("tcp-request connection") {
            self = .connection
        } else if keyword.hasPrefix("tcp-request session") {
            self = .session
        } else if keyword.hasPrefix("tcp-request content") {
            self = .content
        } else if keyword.hasPrefix("http-request") {
            self = .httpRequest
        } else if keyword.hasPrefix("http-response") || keyword.hasPrefix("tcp-response")
                    || keyword.hasPrefix("http-after-response") || keyword.hasPrefix("log-format")
                    || keyword.hasPrefix("unique-id-format") || keyword.hasPrefix("error-log-format") {
            self = .response
        } else {
            self = .routing
        }
    }

    static func < (lhs: RulePhase, rhs: RulePhase) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A place where something is evaluated: its phase, then its line's index in the proxy.
struct EvaluationPoint: Comparable {
    var phase: RulePhase
    /// Index in the proxy's directives; -1 for lines inherited from a `defaults` section.
    var position: Int

    static func < (lhs: EvaluationPoint, rhs: EvaluationPoint) -> Bool {
        (lhs.phase, lhs.position) < (rhs.phase, rhs.position)
    }
}
