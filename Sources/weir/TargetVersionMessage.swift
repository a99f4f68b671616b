import ConfigCheck

/// What `weir lint` says about a target version it does not check for.
enum TargetVersionMessage {
    static func unsupported(_ text: String) -> String {
        "target version '\(text)' is not one of " + HAProxyVersion.targets.map(\.description).joined(separator: ", ")
    }
}
