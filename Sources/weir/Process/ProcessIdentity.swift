import Foundation
import RuntimePlan

/// Drops the process to `group`/`gid` then `user`/`uid`, as HAProxy's
/// `set_identity`: supplementary groups cleared when a group is set, the
/// group before the user (a process that gave up root cannot change its
/// group). Names are looked up before the chroot, which has no /etc.
struct ProcessIdentity {
    let userID: uid_t?
    let groupID: gid_t?
    let programName: String

    /// Looks the names up now; the failure names the user or group the system does not know.
    static func resolve(user: ProcessPlan.Account?, group: ProcessPlan.Account?, programName: String)
        -> Result<ProcessIdentity, LaunchFailure> {
        var groupID: gid_t?
        if let group {
            guard let found = Self.groupID(group) else { return .failure(LaunchFailure("[\(programName).main()] Cannot set gid \(text(group)).")) }
            groupID = found
        }
        var userID: uid_t?
        if let user {
            guard let found = Self.userID(user) else { return .failure(LaunchFailure("[\(programName).main()] Cannot set uid \(text(user)).")) }
            userID = found
        }
        return .success(ProcessIdentity(userID: userID, groupID: groupID, programName: programName))
    }

    func drop() -> LaunchFailure? {
        if let groupID {
            // As HAProxy: a failure to clear the supplementary groups is not fatal.
            if getgroups(0, nil) > 0 { _ = setgroups(0, nil) }
            guard setgid(groupID) == 0 else { return LaunchFailure("[\(programName).main()] Cannot set gid \(groupID).") }
        }
        if let userID, setuid(userID) != 0 {
            return LaunchFailure("[\(programName).main()] Cannot set uid \(userID).")
        }
        return nil
    }

    private static func text(_ account: ProcessPlan.Account) -> String {
        switch account {
        case .id(let number): "\(number)"
        case .name(let name): name
        }
    }

    private static func userID(_ account: ProcessPlan.Account) -> uid_t? {
        switch account {
        case .id(let number): return uid_t(truncatingIfNeeded: number)
        case .name(let name): return getpwnam(name).map { $0.pointee.pw_uid }
        }
    }

    private static func groupID(_ account: ProcessPlan.Account) -> gid_t? {
        switch account {
        case .id(let number): return gid_t(truncatingIfNeeded: number)
        case .name(let name): return getgrnam(name).map { $0.pointee.gr_gid }
        }
    }
}
