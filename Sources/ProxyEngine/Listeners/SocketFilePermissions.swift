#if canImport(Glibc)
import Glibc
#endif
import RuntimePlan

/// Gives a Unix socket file the owner, group and mode of its `bind` line
/// (`mode`, `uid`, `user`, `gid`, `group`, over `unix-bind`).
enum SocketFilePermissions {
    /// A system call that failed, with its errno.
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let errno: Int32
        var description: String { "\(call): \(String(cString: strerror(errno)))" }
    }

    /// A user or group name that the system does not know.
    struct UnknownAccount: Error, CustomStringConvertible {
        let kind: String
        let name: String
        var description: String { "unknown \(kind) name '\(name)'" }
    }

    static func apply(_ access: SocketFileAccess, to path: String) throws {
        let owner = try access.owner.map(userID)
        let group = try access.group.map(groupID)
        if owner != nil || group != nil {
            // -1 (all bits set) leaves that id unchanged.
            guard chown(path, owner ?? uid_t.max, group ?? gid_t.max) == 0 else { throw Failure(call: "chown", errno: errno) }
        }
        if let mode = access.mode {
            guard chmod(path, mode_t(mode)) == 0 else { throw Failure(call: "chmod", errno: errno) }
        }
    }

    static func userID(_ account: SocketFileAccess.Account) throws -> uid_t {
        switch account {
        case .id(let number): return uid_t(truncatingIfNeeded: number)
        case .name(let name):
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: 16_384)
            guard getpwnam_r(name, &entry, &buffer, buffer.count, &found) == 0, found != nil else {
                throw UnknownAccount(kind: "user", name: name)
            }
            return entry.pw_uid
        }
    }

    static func groupID(_ account: SocketFileAccess.Account) throws -> gid_t {
        switch account {
        case .id(let number): return gid_t(truncatingIfNeeded: number)
        case .name(let name):
            var entry = group()
            var found: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 16_384)
            guard getgrnam_r(name, &entry, &buffer, buffer.count, &found) == 0, found != nil else {
                throw UnknownAccount(kind: "group", name: name)
            }
            return entry.gr_gid
        }
    }
}
