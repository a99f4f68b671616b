import Foundation

/// What a check may know of the world outside the configuration: where
/// relative paths start, and what time it is (certificate expiry).
public struct CheckEnvironment: Sendable {
    /// The directory relative file names are resolved against (HAProxy's working directory).
    public var baseDirectory: String
    /// The current time.
    public var now: Date

    public init(baseDirectory: String = FileManager.default.currentDirectoryPath, now: Date = Date()) {
        self.baseDirectory = baseDirectory
        self.now = now
    }

    /// An absolute path for a file named in a configuration.
    public func resolve(_ path: String, base: String? = nil) -> String {
        if path.hasPrefix("/") { return path }
        let directory = base.map { $0.hasPrefix("/") ? $0 : baseDirectory + "/" + $0 } ?? baseDirectory
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
