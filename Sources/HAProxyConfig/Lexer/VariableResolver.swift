/// Where `"$NAME"` and `"${NAME}"` get their values: the process
/// environment, overridden by `--env NAME=VALUE`.
public struct VariableResolver: Sendable {
    public var values: [String: String]

    public init(environment: [String: String] = [:], overrides: [String: String] = [:]) {
        values = environment.merging(overrides) { _, override in override }
    }

    public func value(of name: String) -> String? { values[name] }
}

/// The pseudo-variables HAProxy defines while it reads a line
/// (`.FILE`, `.LINE`, `.SECTION`).
public struct LineContext: Sendable {
    public var file: String
    public var line: Int
    public var section: String

    public init(file: String, line: Int, section: String) {
        self.file = file
        self.line = line
        self.section = section
    }
}
