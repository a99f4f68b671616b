/// One `tcp-request connection|session|content` rule of a frontend, compiled.
public struct TCPRule: Sendable, Hashable, Codable {
    /// When the rule runs: at accept (`connection`, `session`) or before each request is processed (`content`).
    public enum Stage: String, Sendable, Hashable, Codable {
        case connection, session, content
    }

    /// The actions the engine runs.
    public enum Action: String, Sendable, Hashable, Codable {
        case accept, reject, setVar = "set-var", unsetVar = "unset-var", setVarFormat = "set-var-fmt"
        /// `tcp-request content capture SAMPLE len N`: see `captureSlot`.
        case capture
    }

    public var stage: Stage
    public var action: Action
    /// The variable of `set-var`/`unset-var`, with its scope.
    public var variable: String?
    /// The sample expression of `set-var`.
    public var expression: Fetch?
    /// The log-format string of `set-var-fmt`.
    public var format: LogFormat?
    /// `set-var`'s conditions (`ifexists`…).
    public var variableConditions: [String]
    /// The request capture slot `capture` fills with `expression` (cut to the slot's length), counted from 0.
    public var captureSlot: Int?
    /// nil: the rule always applies.
    public var condition: Predicate?
    /// The rule as written.
    public var text: String
    public var source: SourceRef

    public init(stage: Stage, action: Action, variable: String? = nil, expression: Fetch? = nil, variableConditions: [String] = [],
                condition: Predicate? = nil, text: String, source: SourceRef) {
        self.stage = stage
        self.action = action
        self.variable = variable
        self.expression = expression
        self.variableConditions = variableConditions
        self.condition = condition
        self.text = text
        self.source = source
    }
}
