import Foundation

/// What a check may know of the world outside the configuration: where
/// relative paths start, what time it is (certificate expiry), the host's
/// name (HAProxy's default local peer name), and which HAProxy version will
/// read the configuration.
public struct CheckEnvironment: Sendable {
    /// The directory relative file names are resolved against (HAProxy's working directory).
    public var baseDirectory: String
    /// The current time.
    public var now: Date
    /// The name HAProxy would find with gethostname(2).
    public var hostName: String
    /// A directory that stands for `/` when absolute file names are checked
    /// (`weir lint --root`): a deployment tree, or a test's scratch directory.
    public var root: String?
    /// The HAProxy version the configuration is checked for (`weir lint --target-version`).
    public var targetVersion: HAProxyVersion

    public init(baseDirectory: String = FileManager.default.currentDirectoryPath, now: Date = Date(),
                hostName: String = CheckEnvironment.currentHostName(), root: String? = nil,
                targetVersion: HAProxyVersion = .standard) {
        self.baseDirectory = baseDirectory
        self.now = now
        self.hostName = hostName
        self.root = root
        self.targetVersion = targetVersion
    }

    /// This machine's name, as gethostname(2) gives it.
    public static func currentHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An absolute path for a file named in a configuration.
    public func resolve(_ path: String, base: String? = nil) -> String {
        if path.hasPrefix("/") { return root.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + path } ?? path }
        let directory = base.map { $0.hasPrefix("/") ? resolve($0) : baseDirectory + "/" + $0 } ?? baseDirectory
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
