import Foundation

/// A file path shared by every range in that file. Paths are interned for
/// the life of the process (a run names a handful of files), so a range
/// holds a plain pointer to its path: copying a range — which the checks do
/// millions of times, on every core at once — touches no reference count.
final class InternedPath: Sendable {
    let path: String

    private init(_ path: String) { self.path = path }

    /// The one interned path equal to `path`.
    static func named(_ path: String) -> InternedPath { registry.intern(path) }

    private static let registry = Registry()

    /// Every path interned so far; it keeps them alive until the process ends.
    private final class Registry: @unchecked Sendable {
        // Guarded by `lock`.
        private var paths: [String: InternedPath] = [:]
        private let lock = NSLock()

        func intern(_ path: String) -> InternedPath {
            lock.lock()
            defer { lock.unlock() }
            if let known = paths[path] { return known }
            let made = InternedPath(path)
            paths[path] = made
            return made
        }
    }
}
