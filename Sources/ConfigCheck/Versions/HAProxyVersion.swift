/// A HAProxy release branch a configuration is checked for (`weir lint --target-version`).
public struct HAProxyVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Reads `2.6` (digits, a dot, digits); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count < 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: HAProxyVersion, rhs: HAProxyVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// The long-term-support branches `--target-version` accepts.
    public static let targets = ["2.4", "2.6", "2.8", "3.0", "3.2"].compactMap(HAProxyVersion.init)
    /// The version checked when none is given: the one the grammar tables describe.
    public static let standard = HAProxyVersion(major: 2, minor: 6)

    /// Reads a `--target-version` value; nil unless it is one of `targets`.
    public static func target(_ text: String) -> HAProxyVersion? {
        HAProxyVersion(text).flatMap { targets.contains($0) ? $0 : nil }
    }
}
