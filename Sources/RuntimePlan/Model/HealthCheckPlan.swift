/// What a health check of a backend's servers does: connect, then the
/// steps of `option httpchk`/`http-check` or `option tcp-check`/`tcp-check`.
public struct HealthCheckPlan: Sendable, Hashable, Codable {
    /// The kind of check.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A TCP connection that opens is a pass.
        case connect
        /// An HTTP request; the response must meet `expect` (status 2xx/3xx by default).
        case http
        /// A script of `tcp-check` steps.
        case tcpScript = "tcp-script"
    }

    public var kind: Kind
    /// For `http`: the request sent.
    public var request: HTTPCheckRequest?
    /// For `http`: what the response must match, every one in order (none: a 2xx or 3xx status).
    public var expectations: [CheckExpectation]
    /// For `tcp-script`: the steps in order.
    public var steps: [TCPCheckStep]
    /// `http-check disable-on-404`: a 404 that fails the check of a server that is not DOWN passes it
    /// conditionally, and the server stops taking new load-balanced traffic (HAProxy's NOLB) until a plain pass.
    public var disableOn404: Bool?

    public init(kind: Kind, request: HTTPCheckRequest? = nil, expectations: [CheckExpectation] = [],
                steps: [TCPCheckStep] = []) {
        self.kind = kind
        self.request = request
        self.expectations = expectations
        self.steps = steps
    }
}

/// The request of an HTTP health check (`option httpchk` / `http-check send`).
public struct HTTPCheckRequest: Sendable, Hashable, Codable {
    public var method: String
    public var uri: String
    public var version: String
    /// Headers in order, as name and value.
    public var headers: [HTTPHeaderField]
    public var body: String?

    public init(method: String = "OPTIONS", uri: String = "/", version: String = "HTTP/1.0",
                headers: [HTTPHeaderField] = [], body: String? = nil) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.body = body
    }
}

/// A header name and value.
public struct HTTPHeaderField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `http-check expect` / `tcp-check expect`: `[!] status|rstatus|string|rstring PATTERN`.
public struct CheckExpectation: Sendable, Hashable, Codable {
    /// What part of the response is matched and how.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The status code equals one of the comma-separated codes or ranges.
        case status
        /// The status code matches a regular expression.
        case statusRegex = "rstatus"
        /// The body (HTTP) or received data (TCP) contains the text.
        case string
        /// The body or received data matches a regular expression.
        case stringRegex = "rstring"
        /// The received data contains these bytes (hexadecimal).
        case binary
    }

    public var kind: Kind
    public var pattern: String
    /// `!`: the check passes when the pattern does not match.
    public var negated: Bool

    public init(kind: Kind, pattern: String, negated: Bool = false) {
        self.kind = kind
        self.pattern = pattern
        self.negated = negated
    }
}

/// One step of a `tcp-check` script.
public struct TCPCheckStep: Sendable, Hashable, Codable {
    /// The step's action.
    public enum Action: String, Sendable, Hashable, Codable {
        case connect, send, sendBinary = "send-binary", expect
    }

    public var action: Action
    /// For `connect`: the port to connect to (nil: the server's check port).
    public var port: Int?
    /// For `send`: the text (escapes `\r`, `\n`, `\t` resolved); for `send-binary`: hex.
    public var data: String?
    public var expect: CheckExpectation?

    public init(action: Action, port: Int? = nil, data: String? = nil, expect: CheckExpectation? = nil) {
        self.action = action
        self.port = port
        self.data = data
        self.expect = expect
    }
}
