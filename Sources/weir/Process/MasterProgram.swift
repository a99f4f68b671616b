import Foundation
import HAProxyConfig

/// A `program` section: an external command that a master-worker's master
/// starts beside its workers and supervises, as HAProxy 2.6's master does
/// (src/mworker-prog.c). It is started once; a reload leaves it running
/// (HAProxy's default, without `option start-on-reload`).
struct MasterProgram {
    let name: String
    /// `command` and its arguments, run through the PATH.
    let command: [String]

    /// The program sections of a configuration that have a command.
    static func programs(in configuration: HAProxyConfiguration) -> [MasterProgram] {
        configuration.otherSections.compactMap { section in
            guard section.kind == "program", let name = section.name,
                  let command = section.directives.last(where: { $0.keyword == "command" }), !command.arguments.isEmpty else { return nil }
            return MasterProgram(name: name, command: command.arguments)
        }
    }

    /// Starts the command with the master's standard streams and none of its other descriptors; its pid, or nil.
    func start() -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The master blocks the signals it waits for; the program gets them unblocked, as after HAProxy's fork.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let words = command.map { strdup($0) } + [nil]
        defer { words.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, command[0], nil, &attributes, words, environ) == 0 else { return nil }
        return pid
    }
}
