import ConfigCheck

/// What `weir lint` says about a target version it does not check for.
enum TargetVersionMessage {
    /// The versions, as a message lists them.
    static var choices: String { HAProxyVersion.targets.map(\.description).joined(separator: ", ") }

    static func unsupported(_ text: String) -> String { "target version '\(text)' is not one of \(choices)" }

    static let notAVersion = "'target-version' expects one version: \(choices)"
}
